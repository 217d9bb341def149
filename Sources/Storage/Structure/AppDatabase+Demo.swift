import Domain
import Foundation
import GRDB

/// What `hailong serve --demo` created, to print on the terminal.
public struct DemoSummary: Sendable {
    public var units: [Unit]
    public var counters: [Counter]
    public var apiKeys: [(unit: String, secret: String)]
}

extension AppDatabase {
    /// Creates the demo structure on an empty database: two wards, their counters, officers,
    /// sectors and procedures, and an API key per ward. Never ratings or tickets: every figure
    /// the demo shows comes from what someone actually submits. Nil if not empty.
    public func seedDemo(now: Date) async throws -> DemoSummary? {
        try await pool.write { db in
            guard try Unit.fetchCount(db) == 0 else { return nil }
            let sectors: [(String, String, String)] = [
                ("dat-dai", "Đất đai", "Land"),
                ("xay-dung", "Xây dựng", "Construction"),
                ("dau-tu", "Đầu tư", "Investment"),
                ("ho-tich", "Hộ tịch", "Civil status"),
                ("chung-thuc", "Chứng thực", "Certification"),
                ("bao-tro-xa-hoi", "Bảo trợ xã hội", "Social protection"),
            ]
            var sectorIds: [String: Int64] = [:]
            for (code, name, nameEn) in sectors {
                var sector = Sector(code: code, name: name, nameEn: nameEn)
                try sector.insert(db)
                sectorIds[code] = sector.id
            }
            let procedures: [(String, String, String, String)] = [
                ("1.004227", "Đăng ký biến động quyền sử dụng đất", "Registration of land use right changes", "dat-dai"),
                ("1.003010", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "First land use right certificate", "dat-dai"),
                ("1.009994", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Building permit for a private house", "xay-dung"),
                ("2.002154", "Đăng ký hộ kinh doanh", "Household business registration", "dau-tu"),
                ("1.001193", "Đăng ký khai sinh", "Birth registration", "ho-tich"),
                ("1.000894", "Đăng ký kết hôn", "Marriage registration", "ho-tich"),
                ("2.000815", "Chứng thực bản sao từ bản chính", "Certified copy of an original", "chung-thuc"),
            ]
            for (code, name, nameEn, sector) in procedures {
                var procedure = Procedure(code: code, name: name, nameEn: nameEn, sectorId: sectorIds[sector])
                try procedure.insert(db)
            }
            let wards: [(String, String, String, [(String, String)], [(String, String)])] = [
                (
                    "tam-phuoc", "Phường Tam Phước", "Tam Phuoc Ward",
                    [("q1", "Quầy 1 - Đất đai, xây dựng"), ("q2", "Quầy 2 - Hộ tịch, chứng thực"), ("q3", "Quầy 3 - Đầu tư, tổng hợp")],
                    [("cb-lan", "Nguyễn Thị Lan"), ("cb-minh", "Trần Văn Minh"), ("cb-hoa", "Lê Thị Hoa")]
                ),
                (
                    "chon-thanh", "Phường Chơn Thành", "Chon Thanh Ward",
                    [("q1", "Quầy 1 - Đất đai, xây dựng"), ("q2", "Quầy 2 - Hộ tịch, chứng thực")],
                    [("cb-tuan", "Phạm Anh Tuấn"), ("cb-mai", "Võ Thị Mai")]
                ),
            ]
            var units: [Unit] = []
            var counters: [Counter] = []
            for (code, name, nameEn, counterList, officers) in wards {
                var unit = Unit(
                    code: code, name: name, nameEn: nameEn, centreName: "Trung tâm Phục vụ hành chính công \(name)", createdAt: now)
                try unit.insert(db)
                guard let unitId = unit.id else { continue }
                units.append(unit)
                for (counterCode, counterName) in counterList {
                    var counter = Counter(
                        unitId: unitId, code: counterCode, name: counterName,
                        nameEn: "Counter \(counterCode.dropFirst())", posterToken: TokenGenerator.token())
                    try counter.insert(db)
                    counters.append(counter)
                }
                for (officerCode, officerName) in officers {
                    var officer = Officer(unitId: unitId, code: officerCode, name: officerName)
                    try officer.insert(db)
                }
            }
            let keys = try units.map { unit in
                (
                    unit: unit.code,
                    secret: try Self.createAPIKey(db, name: "Demo - phần mềm một cửa", unitCode: unit.code, actor: "demo", userId: nil, now: now).secret
                )
            }
            return DemoSummary(units: units, counters: counters, apiKeys: keys)
        }
    }
}
