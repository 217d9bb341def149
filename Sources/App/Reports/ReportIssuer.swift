import Foundation
import Storage

/// Who issues a unit's report, as Nghị định 30/2020/NĐ-CP writes it at the top left: the
/// body in charge ("ỦY BAN NHÂN DÂN PHƯỜNG TAM PHƯỚC"), then the issuing body ("TRUNG TÂM
/// PHỤC VỤ HÀNH CHÍNH CÔNG", or "BỘ PHẬN MỘT CỬA" for a unit without a centre's name); its
/// abbreviation in the number ("Số: .../BC-TTPVHCC"), the place in the date line and the
/// signer's title. All from the unit's name and centre name: the service stores no more.
///
/// The city summary has no issuing body in the data (whoever compiles it for the city signs
/// it on their own letterhead), so its issuer, place and number are lines to write on, as
/// the decree's templates show them.
struct ReportIssuer: Sendable {
    /// The longest signer's name the report prints.
    static let signerLimit = 80
    static let blank = "............................................"

    let parentBody: String
    let body: String
    /// The issuing body in a sentence: "Trung tâm Phục vụ hành chính công phường Tam Phước".
    let bodyName: String
    let symbol: String
    /// "phường", "xã", "thị trấn", "đặc khu"; empty when the unit's name has none of them.
    let placeKind: String
    /// "Tam Phước".
    let place: String
    let signerTitle: String

    init(unit: Storage.Unit?) {
        guard let unit else {
            parentBody = Self.blank
            body = "(cơ quan tổng hợp báo cáo)"
            bodyName = "Cơ quan tổng hợp"
            symbol = "......"
            placeKind = ""
            place = "................"
            signerTitle = "THỦ TRƯỞNG CƠ QUAN"
            return
        }
        let name = unit.name.trimmingCharacters(in: .whitespaces)
        var kind = ""
        var place = name
        for prefix in ["Phường", "Xã", "Thị trấn", "Đặc khu"] where name.lowercased().hasPrefix(prefix.lowercased() + " ") {
            kind = prefix.lowercased()
            place = String(name.dropFirst(prefix.count + 1)).trimmingCharacters(in: .whitespaces)
            break
        }
        placeKind = kind
        self.place = place
        parentBody = "ỦY BAN NHÂN DÂN " + name.uppercased()
        // "Trung tâm Phục vụ hành chính công Phường Tam Phước": the unit's name is already the
        // line above, so the issuing body is what comes before it.
        let centre = unit.centreName.trimmingCharacters(in: .whitespaces)
        var own = centre
        if let range = centre.range(of: name, options: [.caseInsensitive, .backwards]), range.upperBound == centre.endIndex {
            own = String(centre[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        if own.isEmpty { own = "Bộ phận Một cửa" }
        body = own.uppercased()
        bodyName = own + " " + (kind.isEmpty ? name : "\(kind) \(place)")
        symbol = Self.initials(own)
        signerTitle =
            own.lowercased().hasPrefix("trung tâm") ? "GIÁM ĐỐC" : own.lowercased().hasPrefix("bộ phận") ? "TRƯỞNG BỘ PHẬN" : "THỦ TRƯỞNG CƠ QUAN"
    }

    /// The first letter of each word, without its marks: "Trung tâm Phục vụ hành chính công" -> "TTPVHCC".
    static func initials(_ text: String) -> String {
        let letters = text.split(whereSeparator: { $0 == " " || $0 == "-" }).compactMap { word -> String? in
            guard let first = word.first else { return nil }
            let letter = String(first).replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            return letter.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
        }
        return letters.joined()
    }
}
