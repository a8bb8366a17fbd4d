import Foundation

// NERTool: trains, evaluates, benchmarks and runs the NewsEntities tagger.
let arguments = CommandLine.arguments
let options = ToolOptions(arguments.dropFirst(2))
do {
  switch arguments.count > 1 ? arguments[1] : "" {
  case "train": try TrainCommand(options: options).run()
  case "eval": try EvalCommand(options: options).run()
  case "bench": try BenchCommand(options: options).run()
  case "tag": try TagCommand(options: options).run()
  case "info": try InfoCommand(options: options).run()
  default:
    throw ToolError.usage(
      "train [--features cap,clusters,gaz,titles,headlines,doc] [--epochs N] [--bits N] [--output PATH] | eval FILE | bench | tag [--unwrap] | info"
    )
  }
} catch {
  FileHandle.standardError.write(Data("NERTool: \(error)\n".utf8))
  exit(1)
}
