import Foundation

/// The form of a name used to decide that two mentions name the same thing: case, accents,
/// dots, hyphens, a leading "the" and a possessive "’s" do not matter.
///
/// "U.S." = "US", "Deir ez-Zor" = "Deir Ez Zor", "the Kremlin’s" = "Kremlin".
public enum NameKey {
  public static func of(_ name: String) -> String {
    // Most names are ASCII: fold them byte by byte; Foundation's folding is for the rest.
    let ascii = name.utf8.allSatisfy { $0 < 0x80 }
    let folded =
      ascii
      ? name
      : String(
        String.UnicodeScalarView(
          name.unicodeScalars.map { $0 == "\u{2019}" || $0 == "\u{2018}" ? "'" : $0 }
        )
      ).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(folded.utf8.count)
    var pendingSpace = false
    for byte in folded.utf8 {
      switch byte {
      case UInt8(ascii: "."): continue
      case UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "_"):
        pendingSpace = !bytes.isEmpty
      default:
        if pendingSpace { bytes.append(UInt8(ascii: " ")) }
        pendingSpace = false
        bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
      }
    }
    // A possessive "'s" or a bare "'" at the end, and a leading "the ", are not part of a name.
    if bytes.count >= 2, bytes[bytes.count - 2] == UInt8(ascii: "'"), bytes[bytes.count - 1] == UInt8(ascii: "s") {
      bytes.removeLast(2)
    } else if bytes.last == UInt8(ascii: "'") {
      bytes.removeLast()
    }
    while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
    if bytes.starts(with: Array("the ".utf8)) { bytes.removeFirst(4) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
