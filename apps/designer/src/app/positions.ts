/** How long the agency's position list is reused before the editor asks for it again. */
export const POSITIONS_STALE_MS = 60_000;
