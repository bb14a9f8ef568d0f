import ClearinghouseCore
import Testing

/// Webhook targets: public `https` URLs only, unless the instance allows private ones; nothing that reaches the
/// loopback, private or cloud-metadata addresses behind the clearinghouse.
@Suite struct WebhookTargetTests {
    @Test(arguments: [
        "https://hooks.hospital.example/clearinghouse", "https://203.0.114.7:8443/in", "https://[2a00:1450::1]/hook",
        "https://HOOKS.Example.org/a?b=c",
    ])
    func publicHTTPSTargetsAreTaken(url: String) throws {
        let target = try WebhookTarget(parsing: url, allowsPrivate: false)
        #expect(target.url == url && target.host == target.host.lowercased())
    }

    @Test(arguments: [
        ("http://hooks.hospital.example/in", "https"),
        ("https://127.0.0.1/in", "loopback, private or reserved"),
        ("https://10.1.2.3/in", "loopback, private or reserved"),
        ("https://169.254.169.254/latest/meta-data", "loopback, private or reserved"),
        ("https://[::1]/in", "loopback, private or reserved"),
        ("https://[fd00::1]/in", "loopback, private or reserved"),
        ("https://[::ffff:a00:1]/in", "loopback, private or reserved"),
        ("https://100.64.0.1/in", "loopback, private or reserved"),
        ("https://localhost/in", "private host"),
        ("https://api.localhost./in", "private host"),
        ("https://printer.local/in", "private host"),
        ("https://vault.corp.internal/in", "private host"),
        ("https://user:secret@hooks.example.org/in", "credentials"),
        ("https://hooks.example.org/in#x", "credentials or a fragment"),
        ("ftp://hooks.example.org/in", "https"),
        ("hooks.example.org/in", "absolute"),
        ("https://hooks.example.org/a b", "absolute"),
        ("https://*.example.org/in", "not a host name"),
        ("https://" + String(repeating: "a", count: 2_100) + ".org/", "absolute"),
    ])
    func privateOrMalformedTargetsAreRefused(url: String, reason: String) {
        let error = #expect(throws: ClearinghouseError.self) { try WebhookTarget(parsing: url, allowsPrivate: false) }
        #expect(error?.field == "url" && error?.message.contains(reason) == true, "\(url): \(error?.message ?? "")")
    }

    @Test func anInstanceThatAllowsPrivateTargetsTakesThem() throws {
        for url in ["http://127.0.0.1:9000/hook", "https://localhost/in", "http://[::1]:8080/"] {
            #expect(try WebhookTarget(parsing: url, allowsPrivate: true).url == url)
        }
    }

    /// A public name may resolve to a private address: the deliverer checks each address it connects to.
    @Test func resolvedAddressesAreJudgedToo() throws {
        #expect(WebhookTarget.isPublic(try NetworkRange(parsing: "93.184.215.14")))
        #expect(WebhookTarget.isPublic(try NetworkRange(parsing: "2a00:1450:4001::1")))
        for address in ["127.0.0.53", "192.168.1.1", "172.31.255.255", "0.0.0.0", "255.255.255.255", "fe80::1", "::"] {
            #expect(!WebhookTarget.isPublic(try NetworkRange(parsing: address)), "\(address)")
        }
    }
}
