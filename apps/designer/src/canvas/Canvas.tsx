import type { NodeType } from '@alur/schema';
import { LANE_WIDTH, NODE_SIZE } from '@alur/schema/core';
import {
  Background,
  BackgroundVariant,
  type Connection,
  ControlButton,
  Controls,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkConnection, chooseExitLabel, refuseDrop } from '../model/connection-rules.ts';
import {
  CULL_FROM_SYMBOLS,
  type FlowEdge,
  type FlowNode,
  keepIfSame,
  LANE_NODE_PREFIX,
  routeLoops,
  toFlowEdges,
  toFlowNodes,
} from '../model/flow-elements.ts';
import { createId } from '../model/ids.ts';
import { snapToLane } from '../model/layout.ts';
import { useEditor, useEditorStore, useHighlight, useReadOnly } from '../store/EditorContext.tsx';
import { computeViewRect, computeWindowArea, containsRect, type Rect, selectWindow } from './flow-window.ts';
import { LaneHeaders, LaneNode } from './LaneNode.tsx';
import { createLoopRouteStore, LoopRouteContext } from './loop-routes.ts';
import { computeOpeningViewport, type Viewport } from './opening-viewport.ts';
import { PALETTE_MIME } from './Palette.tsx';
import { SopEdge } from './SopEdge.tsx';
import { ActivityNode, BarNode, DecisionNode, TerminatorNode } from './StepNodes.tsx';
import { createStepNode } from './step-factory.ts';

const nodeTypes = {
  lane: LaneNode,
  start: TerminatorNode,
  end: TerminatorNode,
  activity: ActivityNode,
  decision: DecisionNode,
  fork: BarNode,
  join: BarNode,
};

const edgeTypes = { sop: SopEdge };

/** The swimlane canvas: React Flow over nodes derived from the document. */
export function Canvas() {
  const { t } = useTranslation();
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const { screenToFlowPosition, setViewport } = useReactFlow();
  // The minimap is asked for, never in the way: shown, it sits over the canvas's corner.
  const [miniMap, setMiniMap] = useState(false);
  // While an arrow is being drawn, every symbol's whole body accepts its end (see StepNodes).
  const [connecting, setConnecting] = useState(false);
  // Set when Escape cancels a drag: React Flow keeps sending positions until the mouse is released.
  const dragCancelled = useRef(false);
  const highlight = useHighlight();
  const readOnly = useReadOnly();
  // Nodes, arrows and loop routes are derived apart: a drag changes the nodes and the routes of
  // the loops it touches, never the arrows, so React Flow keeps its index of the connections.
  const docEdges = doc.edges;
  const previousNodes = useRef<FlowNode[] | undefined>(undefined);
  const previousEdges = useRef<FlowEdge[] | undefined>(undefined);
  const nodes = useMemo(() => {
    previousNodes.current = keepIfSame(previousNodes.current, toFlowNodes(doc, selection, highlight));
    return previousNodes.current;
  }, [doc, selection, highlight]);
  const edges = useMemo(() => {
    previousEdges.current = keepIfSame(
      previousEdges.current,
      toFlowEdges({ edges: docEdges }, selection, highlight),
    );
    return previousEdges.current;
  }, [docEdges, selection, highlight]);
  const routes = useMemo(() => routeLoops({ edges: docEdges }, nodes), [docEdges, nodes]);
  const [routeStore] = useState(createLoopRouteStore);
  useLayoutEffect(() => routeStore.publish(routes), [routeStore, routes]);

  // Where the SOP opens, known before React Flow's first render: measured from the canvas's box,
  // so React Flow starts there rather than at its origin and then moves (two mounting passes).
  // `null` when the canvas has no size yet (then the viewport is set once React Flow has one).
  const frame = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<{ viewport: Viewport; area: Rect } | null | undefined>();
  useLayoutEffect(() => {
    if (opening !== undefined || !frame.current) return;
    const size = { width: frame.current.clientWidth, height: frame.current.clientHeight };
    if (size.width === 0 || size.height === 0) return setOpening(null);
    const viewport = computeOpeningViewport(store.getState().doc.lanes.length, size);
    setOpening({ viewport, area: computeWindowArea(computeViewRect(viewport, size)) });
  }, [opening, store]);

  // A long SOP hands React Flow only the elements near the view (flow-window.ts); the window
  // moves when the view leaves it. With the minimap shown, React Flow gets everything to draw it.
  const windowed = doc.nodes.length >= CULL_FROM_SYMBOLS && !miniMap;
  const flowStore = useStoreApi<FlowNode, FlowEdge>();
  const [area, setArea] = useState<Rect | null>(null);
  const areaRef = useRef<Rect | null>(null);
  useEffect(() => {
    if (!windowed) return;
    areaRef.current = opening?.area ?? null;
    const follow = ({ transform, width, height }: { transform: number[]; width: number; height: number }) => {
      if (width === 0 || height === 0) return;
      const view = computeViewRect(
        { x: transform[0]!, y: transform[1]!, zoom: transform[2]! },
        { width, height },
      );
      // Checked outside React: a store update that leaves the window alone renders nothing.
      if (areaRef.current && containsRect(areaRef.current, view)) return;
      areaRef.current = computeWindowArea(view);
      setArea(areaRef.current);
    };
    follow(flowStore.getState());
    return flowStore.subscribe(follow);
  }, [windowed, flowStore, opening]);
  const windowArea = area ?? opening?.area ?? null;
  const shownNodesRef = useRef<FlowNode[] | undefined>(undefined);
  const shownEdgesRef = useRef<FlowEdge[] | undefined>(undefined);
  const shown = useMemo(() => {
    const all = { nodes, edges };
    const part = windowed && windowArea ? selectWindow(nodes, edges, routes, windowArea, selection) : all;
    shownNodesRef.current = keepIfSame(shownNodesRef.current, part.nodes);
    shownEdgesRef.current = keepIfSame(shownEdgesRef.current, part.edges);
    return { nodes: shownNodesRef.current, edges: shownEdgesRef.current };
  }, [nodes, edges, routes, windowed, windowArea, selection]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const s = store.getState();
      let nodeIds = new Set(s.selection.nodeIds);
      let selectionChanged = false;
      for (const c of changes) {
        if (c.type === 'select') {
          selectionChanged = true;
          if (c.selected) nodeIds.add(c.id);
          else nodeIds.delete(c.id);
        } else if (c.type === 'position' && c.position && !dragCancelled.current) {
          const node = s.doc.nodes.find((n) => n.id === c.id);
          if (!node) continue;
          const hit = snapToLane(s.doc, node.type, c.position);
          if (!hit) continue;
          // While dragging, follow the pointer inside the lane; the drop snaps to its centre.
          const laneIndex = s.doc.lanes.findIndex((l) => l.id === hit.laneId);
          const offset =
            c.position.x - (laneIndex * LANE_WIDTH + (LANE_WIDTH - NODE_SIZE[node.type].width) / 2);
          s.preview({
            type: 'node.move',
            payload: {
              nodeId: c.id,
              laneId: hit.laneId,
              position: { x: c.dragging ? offset : 0, y: hit.position.y },
            },
          });
        }
      }
      if (selectionChanged) {
        nodeIds = new Set([...nodeIds].filter((id) => !id.startsWith(LANE_NODE_PREFIX)));
        s.select({ ...s.selection, nodeIds: [...nodeIds], laneId: null, identity: false });
      }
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const s = store.getState();
      const edgeIds = new Set(s.selection.edgeIds);
      let changed = false;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        changed = true;
        if (c.selected) edgeIds.add(c.id);
        else edgeIds.delete(c.id);
      }
      if (changed) s.select({ ...s.selection, edgeIds: [...edgeIds], laneId: null, identity: false });
    },
    [store],
  );

  const onDragStart = useCallback(() => {
    dragCancelled.current = false;
    store.getState().beginGesture();
  }, [store]);

  const onDragStop = useCallback(() => {
    const s = store.getState();
    if (dragCancelled.current) {
      dragCancelled.current = false;
      return;
    }
    // The dragged nodes snap to their lane's centre line; one undo step.
    s.endDrag();
  }, [store]);

  // Escape during a drag puts everything back where it was and records nothing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && store.getState().gestureMark) {
        dragCancelled.current = true;
        store.getState().cancelGesture();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [store]);

  // Open at a readable zoom from the top of the drawing, once the canvas has its size.
  const canvasWidth = useStore((s) => s.width);
  const canvasHeight = useStore((s) => s.height);
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || opening !== null || canvasWidth === 0 || canvasHeight === 0) return;
    opened.current = true;
    void setViewport(
      computeOpeningViewport(store.getState().doc.lanes.length, { width: canvasWidth, height: canvasHeight }),
    );
  }, [canvasWidth, canvasHeight, setViewport, store, opening]);

  const isValidConnection = useCallback(
    (c: Connection | FlowEdge) => checkConnection(store.getState().doc, c) === null,
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const s = store.getState();
      const label = chooseExitLabel(s.doc, c.source);
      s.dispatch({
        type: 'edge.add',
        payload: {
          edge: { id: createId('edge'), source: c.source, target: c.target, ...(label ? { label } : {}) },
        },
      });
    },
    [store],
  );

  // A refused connection ends without onConnect; tell the user why.
  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      setConnecting(false);
      if (!state.fromNode || !state.toNode || state.isValid) return;
      const refusal = checkConnection(store.getState().doc, {
        source: state.fromNode.id,
        target: state.toNode.id,
      });
      if (refusal) store.getState().setRefusal(refusal);
    },
    [store],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(PALETTE_MIME) as NodeType;
      if (!type) return;
      e.preventDefault();
      const s = store.getState();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const size = NODE_SIZE[type];
      const hit = snapToLane(s.doc, type, { x: p.x - size.width / 2, y: p.y - size.height / 2 });
      if (!hit) {
        s.setRefusal(refuseDrop(s.doc));
        return;
      }
      const node = createStepNode(type, hit.laneId, hit.position.y);
      if (s.dispatch({ type: 'node.add', payload: { node } }))
        s.select({ nodeIds: [node.id], edgeIds: [], laneId: null, identity: false });
    },
    [store, screenToFlowPosition],
  );

  return (
    <div className={`canvas${connecting ? ' connecting' : ''}`} data-testid="canvas" ref={frame}>
      {opening !== undefined && (
        <LoopRouteContext.Provider value={routeStore}>
          <ReactFlow<FlowNode, FlowEdge>
            nodes={shown.nodes}
            edges={shown.edges}
            defaultViewport={opening?.viewport}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStart={onDragStart}
            onNodeDragStop={onDragStop}
            onSelectionDragStart={onDragStart}
            onSelectionDragStop={onDragStop}
            onConnect={onConnect}
            onConnectStart={() => setConnecting(true)}
            onConnectEnd={onConnectEnd}
            connectionRadius={40}
            isValidConnection={isValidConnection}
            onDrop={onDrop}
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
            }}
            onlyRenderVisibleElements={doc.nodes.length >= CULL_FROM_SYMBOLS}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={['Control', 'Meta']}
            panOnScroll
            minZoom={0.2}
            maxZoom={2}
            proOptions={{ hideAttribution: true }}
          >
            <Background variant={BackgroundVariant.Dots} gap={20} />
            <LaneHeaders />
            <Controls>
              <ControlButton
                onClick={() => setMiniMap((v) => !v)}
                title={t(miniMap ? 'canvas.hideMiniMap' : 'canvas.showMiniMap')}
                aria-label={t(miniMap ? 'canvas.hideMiniMap' : 'canvas.showMiniMap')}
                aria-pressed={miniMap}
                data-testid="toggle-minimap"
              >
                ▦
              </ControlButton>
            </Controls>
            {miniMap && (
              <MiniMap
                pannable
                zoomable
                nodeStrokeWidth={2}
                nodeColor={colorMiniMapNode}
                data-testid="minimap"
              />
            )}
          </ReactFlow>
        </LoopRouteContext.Provider>
      )}
    </div>
  );
}

/** Lanes faint, steps dark, decisions amber: the minimap shows the drawing, not one grey block. */
function colorMiniMapNode(node: { id: string; type?: string }): string {
  if (node.id.startsWith(LANE_NODE_PREFIX)) return '#eef2f7';
  if (node.type === 'decision') return '#d97706';
  if (node.type === 'start' || node.type === 'end') return '#0f766e';
  return '#334155';
}
