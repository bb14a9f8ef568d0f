import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseTestSupport
import Testing

@Suite struct DatabaseURLFuzzTests {
    /// Mutated URLs are parsed or refused with a message that names the `database` setting; never a crash.
    @Test func mutatedURLsAreParsedOrRefused() {
        var mutator = InputMutator(seed: 5)
        let samples = ["postgres://ch:secret@db.example:5432/clearinghouse?sslmode=require", "sqlite://./x.sqlite"]
        for index in 0..<20_000 {
            let text = String(decoding: mutator.mutate(Array(samples[index % 2].utf8)), as: UTF8.self)
            do {
                switch try DatabaseURL(parsing: text) {
                case .sqlite(let path):
                    #expect(!path.isEmpty)
                case .postgres(let location):
                    #expect(!location.host.isEmpty && !location.username.isEmpty && !location.database.isEmpty)
                }
            } catch {
                #expect(error.field == "database")
                #expect(!error.message.isEmpty)
            }
        }
    }
}
