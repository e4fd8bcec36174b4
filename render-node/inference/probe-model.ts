/**
 * The execution-provider probe: a 91-byte ONNX model, y = x + x over a
 * float32 [2] (written once with render-node/models/testing/onnx-graph.ts;
 * embedded so production code does not depend on the test-only protobuf
 * package). A provider is used only when it loads and runs this.
 */
export const PROBE_MODEL = Uint8Array.from(
  Buffer.from(
    'CAgSDW1vbnRhZ2UtdGVzdHM6QgoXCgF4CgF4EgF5GgVBZGRfMCIDQWRkOgASBXByb2JlWg8KAXgSCgoICAESBAoCCAJiDwoBeRIKCggIARIECgIIAkIECgAQEQ==',
    'base64',
  ),
);
