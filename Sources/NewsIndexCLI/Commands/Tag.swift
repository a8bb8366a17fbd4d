import ArgumentParser
import Foundation
import NewsEntities
import NewsIngest
import NewsModel

extension NewsIndex {
  struct Tag: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the named entities of any text (or tag a CoNLL-2003 file).",
      discussion: """
        Text is cleaned as 'index' cleans it (front matter and a title line left out), then each
        entity is printed as
        'paragraph  start–end  type  text  [→ canonical name]' (code-point offsets).
        With --conll, every input line is printed unchanged with the predicted tag (B-PER,
        I-ORG, O, …) appended as a last column, for a conlleval scorer.
        """)

    @Flag(help: "Read CoNLL-2003 columns (token first) instead of text.")
    var conll = false

    @Argument(help: "The file to read; - or nothing reads standard input.")
    var file: String?

    func run() throws {
      let data: Data
      if let file, file != "-" {
        guard let contents = FileManager.default.contents(atPath: file) else {
          printError("cannot read \(file); check the path")
          throw ExitStatus.usage
        }
        data = contents
      } else {
        data = FileHandle.standardInput.readDataToEndOfFile()
      }
      let text = TextDecoder.decode(data).text
      do {
        if conll {
          print(CoNLLTagging.tagged(text, with: try EntityTagger.loadBundled()), terminator: "")
        } else {
          printMentions(in: text, with: try EntityAnnotator.bundled())
        }
      } catch {
        printError("the entity model could not be loaded (\(error)); reinstall newsindex")
        throw ExitStatus.failed
      }
    }

    /// One line per entity of the text: paragraph, offsets, type, text, canonical name.
    func printMentions(in text: String, with annotator: EntityAnnotator) {
      // Front matter and a title line are left out, as when indexing a text file.
      let body = PlainTextReader.article(from: text, path: file ?? "-")?.text ?? text
      var article = Article(
        id: "", sourceID: nil, title: "", date: nil, source: nil, location: file ?? "-", url: nil,
        passages: PassageSplitter().passages(from: TextCleaner().paragraphs(in: body)))
      annotator.annotate(&article)
      for mention in article.mentions {
        let scalars = Array(article.passages[mention.passage].unicodeScalars)
        let surface = String(String.UnicodeScalarView(scalars[mention.start..<mention.end]))
        var line = "¶\(mention.passage)\t\(mention.start)–\(mention.end)\t\(mention.type.rawValue)\t\(surface)"
        if NameKey.of(surface) != NameKey.of(mention.name) { line += "\t→ \(mention.name)" }
        print(line)
      }
    }
  }
}

/// Tags CoNLL-2003 input line by line, keeping every line and appending an IOB2 tag.
enum CoNLLTagging {
  static let labels: [EntityKind: String] = [.person: "PER", .organization: "ORG", .place: "LOC", .other: "MISC"]

  static func tagged(_ text: String, with tagger: EntityTagger) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    if lines.last == "" { lines.removeLast() }
    // Every line keeps its slot; token lines get their tag when their document is tagged.
    var tags = [String?](repeating: nil, count: lines.count)
    var document: [[Int]] = []
    var sentence: [Int] = []

    func endSentence() {
      if !sentence.isEmpty { document.append(sentence) }
      sentence = []
    }
    func endDocument() {
      endSentence()
      guard !document.isEmpty else { return }
      let tokens = document.map { $0.map { String(lines[$0].split(separator: " ").first ?? "") } }
      for (lineIndices, spans) in zip(document, tagger.tag(sentences: tokens)) {
        for index in lineIndices { tags[index] = "O" }
        for span in spans {
          let label = labels[span.kind] ?? "MISC"
          for position in span.start..<span.end {
            tags[lineIndices[position]] = (position == span.start ? "B-" : "I-") + label
          }
        }
      }
      document = []
    }

    for (index, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("-DOCSTART-") {
        endDocument()
        tags[index] = "O"
      } else if trimmed.isEmpty {
        endSentence()
      } else {
        sentence.append(index)
      }
    }
    endDocument()
    return zip(lines, tags).map { line, tag in tag.map { line + " " + $0 } ?? line }
      .joined(separator: "\n") + "\n"
  }
}
