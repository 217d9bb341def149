import Foundation
import Testing

@testable import App

@Suite("Attachment metadata eraser")
struct AttachmentMetadataEraserTests {
    @Test func blanksTheDocumentInformationAndXMPOfAPDFInPlace() throws {
        let pdf = AnonymisationTests.pdfWithAuthor()
        let erased = Array(AttachmentMetadataEraser.erase(kind: "pdf", bytes: Data(pdf)))
        #expect(erased.count == pdf.count, "same length: the cross-reference offsets stay right")
        for secret in ["Binh", "Scanner", "42696E68"] { #expect(!erased.containsText(secret), "\(secret)") }
        #expect(erased.containsText("/Author (") && erased.containsText("/Title <"), "the keys stay, their values are empty")
        #expect(erased.containsText("<?xpacket begin") && erased.containsText("<?xpacket end"), "an empty packet")
        #expect(throws: Never.self) { try AttachmentInspector().inspect(erased) }
    }

    @Test func leavesOtherKeysImagesAndCleanFilesAlone() {
        let other = Data("%PDF-1.4\n1 0 obj\n<< /Authors (kept) /Type /Catalog >>\nendobj\n%%EOF\n".utf8)
        #expect(AttachmentMetadataEraser.erase(kind: "pdf", bytes: other) == other, "/Authors is another key")
        let photo = Data(AttachmentFixtures.jpeg())
        #expect(AttachmentMetadataEraser.erase(kind: "jpeg", bytes: photo) == photo, "intake already cleaned images")
        let nested = Data("%PDF-1.4\n<< /Author (a (b) c\\) d) /Producer (x) >>\n%%EOF\n".utf8)
        let blanked = String(decoding: AttachmentMetadataEraser.erase(kind: "pdf", bytes: nested), as: UTF8.self)
        #expect(blanked == "%PDF-1.4\n<< /Author (\(String(repeating: " ", count: 11))) /Producer ( ) >>\n%%EOF\n", "nesting and escapes included")
    }
}
