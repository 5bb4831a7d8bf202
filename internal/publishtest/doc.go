// Package publishtest checks how the site gets published, end to end:
//
//   - the GitHub Pages workflow (.github/workflows/pages.yml), parsed as
//     YAML: it runs on a push to main, has the permissions Pages needs,
//     tests, builds with scripts/publish.sh for the base URL that
//     actions/configure-pages reports, and uploads what the script wrote
//     with the official Pages actions;
//   - scripts/publish.sh itself, which must pass a good build and refuse
//     one with a link outside the base path or without _headers;
//   - `go install github.com/counterpoint-ssg/counterpoint/cmd/counterpoint@latest`,
//     run against a module proxy on disk that holds this working tree as a
//     release, and the version that the installed command then reports.
//
// The package has only tests.
package publishtest
