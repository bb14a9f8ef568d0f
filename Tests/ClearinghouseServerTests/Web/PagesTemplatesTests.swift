import Foundation
import Testing

@testable import ClearinghouseServer

/// Every template in the web resources is registered with the pages, so that no page renders empty; and a page
/// asked for by a name that is not registered is an error, not an empty page.
@Suite struct PagesTemplatesTests {
    @Test func everyTemplateFileIsRegistered() throws {
        let folder = URL(filePath: #filePath).deletingLastPathComponent()
            .appending(path: "../../../Sources/ClearinghouseServer/Resources/Web").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        #expect(files.count > 20, "the templates are at \(folder.path)")
        #expect(Set(files) == Set(Pages.templates.map(\.name)))
    }

    @Test func anUnregisteredTemplateIsAnError() {
        let response = Pages().render("no-such-page", [:])
        #expect(response.status == .internalServerError)
    }
}
