import Foundation
import NewsModel

/// Turns a reader's raw record into a clean article: paragraphs, passages, date and id.
public struct ArticleBuilder: Sendable {
  /// Words of the first sentence used as a title when the input has none.
  static let fallbackTitleWords = 12

  let cleaner = TextCleaner()
  let splitter: PassageSplitter

  public init(splitter: PassageSplitter = PassageSplitter()) {
    self.splitter = splitter
  }

  public enum Outcome: Sendable {
    case article(Article, dateWasUnreadable: Bool)
    case skipped(IngestIssue)
  }

  public func build(_ raw: RawArticle) -> Outcome {
    let passages = splitter.passages(from: cleaner.paragraphs(in: raw.text))
    guard !passages.isEmpty else {
      return .skipped(IngestIssue(location: raw.location, message: "has no text; skipped"))
    }
    let givenTitle = raw.title.map(cleanLine) ?? ""
    let title = givenTitle.isEmpty ? fallbackTitle(from: passages[0]) : givenTitle
    let dateText = raw.date.map(cleanLine) ?? ""
    let date = dateText.isEmpty ? nil : DateParser.parse(dateText)
    let sourceID = raw.id.map(cleanLine).flatMap { $0.isEmpty ? nil : $0 }
    let source = raw.source.map(cleanLine).flatMap { $0.isEmpty ? nil : $0 }
    let url = raw.url.map(cleanLine).flatMap { $0.isEmpty ? nil : $0 }
    var article = Article(
      id: sourceID ?? "", sourceID: sourceID, title: title, date: date, source: source,
      location: raw.location, url: url, passages: passages)
    article.ownsLocation = raw.isWholeFile
    if sourceID == nil {
      // No id in the input: the content names the article, so the same text gets the same id.
      article.id = String(article.contentHash.prefix(12))
    }
    return .article(article, dateWasUnreadable: !dateText.isEmpty && date == nil)
  }

  private func cleanLine(_ text: String) -> String {
    let normalized = TextCleaner.normalizeCharacters(text)
    // Most fields are one line: skip Foundation's search-and-replace, a noticeable cost per record.
    guard normalized.utf8.contains(0x0A) else { return TextCleaner.collapseSpaces(normalized) }
    return TextCleaner.collapseSpaces(normalized.replacingOccurrences(of: "\n", with: " "))
  }

  private func fallbackTitle(from passage: String) -> String {
    let words = passage.split(separator: " ")
    let head = words.prefix(ArticleBuilder.fallbackTitleWords).joined(separator: " ")
    return words.count > ArticleBuilder.fallbackTitleWords ? head + "…" : head
  }
}
