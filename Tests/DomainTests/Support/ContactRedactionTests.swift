import Domain
import Testing

@Suite("Contact data out of rating comments")
struct ContactRedactionTests {
    @Test(
        "phones and e-mails are taken out, the rest stays",
        arguments: [
            ("Gọi 0912345678 nhé", "Gọi [đã ẩn] nhé"),
            ("SĐT: 0912 345 678.", "SĐT: [đã ẩn]."),
            ("số +84 912-345-678", "số [đã ẩn]"),
            ("máy bàn 028.3822.1234", "máy bàn [đã ẩn]"),
            ("thư: a.b@example.vn", "thư: [đã ẩn]"),
            ("(0251) 3822 123 hoặc (028) 3822 1234", "[đã ẩn] hoặc [đã ẩn]"),
            ("(+84) 912 345 678", "[đã ẩn]"),
            ("sđt0912345678", "sđt[đã ẩn]"),
            ("zalo 84912345678", "zalo [đã ẩn]"),
            ("máy bàn 842838221234", "máy bàn [đã ẩn]"),
            ("Chờ 45 phút, 2 lần, năm 2026", "Chờ 45 phút, 2 lần, năm 2026"),
            ("ngày 05.11.2026 10 giờ, 08-11-2026 10 giờ", "ngày 05.11.2026 10 giờ, 08-11-2026 10 giờ"),
            ("lệ phí 1.500.000 đồng, vốn 84.500.000.000 đồng", "lệ phí 1.500.000 đồng, vốn 84.500.000.000 đồng"),
            ("hồ sơ H12.34-261123-0001", "hồ sơ H12.34-261123-0001"),
            ("mã 10912345678", "mã 10912345678"),
            ("Cán bộ tận tình", "Cán bộ tận tình"),
        ])
    func redacts(text: String, expected: String) {
        #expect(ContactRedaction.redact(text) == expected)
    }
}
