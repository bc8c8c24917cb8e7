// Whether the tests run under CI (.ci/run exports CI=1). A check that needs something from the
// machine (the bad-input corpus, LibreOffice) may be skipped with a message on a developer's
// machine, but under CI a missing prerequisite is a failure: a green run must mean it was checked.
export function underCI(): boolean {
  const value = (process.env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}
