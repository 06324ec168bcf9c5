import { BaseEdge, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../model/flow-elements.ts';
import { useLoopRoute } from './loop-routes.ts';

/**
 * An arrow of the SOP: down from a symbol's bottom into the next one's top as a smooth step, or,
 * for a back edge ("tidak" to an earlier row), along the route `routeLoops` computed beside the
 * symbols (`model/loop-route.ts`, read through `useLoopRoute`), so it does not run over the arrows
 * in between.
 */
export const SopEdge = memo(function SopEdge(props: EdgeProps<FlowEdge>) {
  const route = useLoopRoute(props.id);
  const [path, labelX, labelY] = route
    ? [route.path, route.labelX, route.labelY]
    : getSmoothStepPath({
        sourceX: props.sourceX,
        sourceY: props.sourceY,
        sourcePosition: props.sourcePosition,
        targetX: props.targetX,
        targetY: props.targetY,
        targetPosition: props.targetPosition,
      });
  return (
    <BaseEdge
      id={props.id}
      path={path}
      labelX={labelX}
      labelY={labelY}
      label={props.label}
      labelStyle={props.labelStyle}
      labelShowBg={props.labelShowBg}
      labelBgStyle={props.labelBgStyle}
      labelBgPadding={props.labelBgPadding}
      labelBgBorderRadius={props.labelBgBorderRadius}
      style={props.style}
      markerEnd={props.markerEnd}
      markerStart={props.markerStart}
      interactionWidth={props.interactionWidth}
    />
  );
});
