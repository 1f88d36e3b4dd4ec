// After `stryker run`: a "survived" mutant whose run executed no test was not measured
// (stryker-js#6073); it must not pass for a real survivor, in this run or from the incremental cache.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'));
const unmeasured = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  for (const m of mutants) {
    if (m.status === 'Survived' && m.testsCompleted === 0) {
      unmeasured.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}`);
    }
  }
}
if (unmeasured.length > 0) {
  console.error(unmeasured.join('\n'));
  console.error(
    `${unmeasured.length} mutant(s) above were scored "survived" although no test ran; rerun them with \`npx stryker run --force\`.`,
  );
  process.exit(1);
}
