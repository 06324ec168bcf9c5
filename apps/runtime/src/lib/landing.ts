/** Where a user lands after signing in: a runtime path, or the designer app. */
export type Landing = '/' | '/admin' | '/evaluation' | 'designer';

/**
 * The first screen that is useful to this user. Whoever holds a position works from the inbox; a
 * user without one has an empty inbox, so an administrator lands in Administrasi, a designer in
 * the designer, a leader on the evaluation.
 */
export function chooseLanding(me: { positions: string[]; permissions: string[] }): Landing {
  if (me.positions.length > 0) return '/';
  if (me.permissions.includes('admin')) return '/admin';
  if (me.permissions.includes('designer')) return 'designer';
  if (me.permissions.includes('leader')) return '/evaluation';
  return '/';
}

/** Whether the user may open the designer (the same permissions `sop.create` asks for). */
export function canDesign(me: { permissions: string[] }): boolean {
  return me.permissions.includes('designer') || me.permissions.includes('admin');
}
