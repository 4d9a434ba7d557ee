import Testing

/// The parent of every suite that changes process-wide state: environment variables and the fixed journal socket
/// path. `.serialized` applies to nested suites too, so these tests never overlap one another.
@Suite(.serialized)
enum ProcessWideStateTests {}
