// Runs only the search figures: node bin/run-ts.js bench/search-run.ts (BENCH_ITEMS, BENCH_DATABASE_URL).
import { runSearchBench } from './search.js';

console.log(await runSearchBench(process.env.BENCH_DATABASE_URL));
