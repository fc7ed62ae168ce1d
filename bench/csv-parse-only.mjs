// The baseline of bench/ingest.bench.ts: the CSV parser alone on the file, streamed with the options
// the command line gives it, every record counted and nothing else done.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

const [file] = process.argv.slice(2);
let rows = 0;
const parser = createReadStream(file).pipe(parse({ delimiter: ",", bom: true, relax_column_count: true, skip_empty_lines: true }));
for await (const record of parser) if (record) rows++;
console.log(rows);
