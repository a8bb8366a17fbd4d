import Foundation

// SearchBench: search latency measured in-process on an existing index, per query class;
// Tools/bench/bench.py runs it next to its whole-CLI timings. See Tools/bench/README.md.
do {
  let options = try BenchOptions(CommandLine.arguments.dropFirst())
  try LatencyBench(options: options).run()
} catch {
  FileHandle.standardError.write(Data("SearchBench: \(error)\n".utf8))
  exit(error is BenchError ? 64 : 1)
}
