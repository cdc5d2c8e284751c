export {
  generateSynthetic,
  resolveSize,
  SyntheticRefusedError,
  SYNTHETIC_SIZES,
  MAX_SYNTHETIC_SIZE,
  DEFAULT_END_DATE,
  type SyntheticOptions,
  type SyntheticSize,
} from "./synthetic.generator.js";
export { Rng } from "./random.js";
export { WorkClock } from "./calendar.js";
