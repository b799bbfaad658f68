import { Handle, Position } from '@xyflow/react';

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

/** Where edges attach: traffic enters on the left and leaves on the right. Nothing to drag. */
export function NodeHandles() {
  return (
    <>
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={false}
        style={hidden}
      />
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={false}
        style={hidden}
      />
    </>
  );
}
