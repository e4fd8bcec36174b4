/**
 * `npm run models -- add <folder>` verifies a model folder and installs it
 * into MODELS_DIR; `npm run models -- list` lists the installed models,
 * usable or with their problem (render-node/models/models-cli.ts,
 * docs/models.md). Uses the render node's environment (MODELS_DIR, DATA_DIR).
 */
import { runModelsCli } from '../render-node/models/models-cli.ts';
import { modelsDirFrom } from '../render-node/models/registry.ts';

process.exitCode = await runModelsCli(process.argv.slice(2), modelsDirFrom(process.env), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
