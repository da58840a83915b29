// Prints one plain closing line, "tests: N passed, N failed[, N skipped]", after jest's own summary,
// so CI logs state the count in a form any reader recognises.
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.stderr.write(`\n${line}\n`);
  }
}
module.exports = ClosingLineReporter;
