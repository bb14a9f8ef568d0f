public import ClearinghouseCore
public import ClearinghouseWorkflows
import Foundation
public import NIOCore
import NIOHTTP1
public import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// Sends webhook deliveries over HTTP/1.1 (TLS for `https`), resolving the target's name itself and connecting
/// only to an address ``WebhookTarget/isPublic(_:)`` allows (unless the instance allows private targets), so
/// that a name which resolves to a loopback or private address, now or after a change of DNS, is never reached.
/// Redirects are not followed; the receiver's body is not read.
public struct WebhookHTTPSender: WebhookSender {
    let allowsPrivateTargets: Bool
    let group: any EventLoopGroup

    public init(allowsPrivateTargets: Bool, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.allowsPrivateTargets = allowsPrivateTargets
        self.group = group
    }

    public func send(
        _ body: [UInt8], to target: WebhookTarget, headers: [(String, String)], timeout: Duration
    )
        async throws -> Int
    {
        guard let url = URLComponents(string: target.url), let scheme = url.scheme?.lowercased() else {
            throw WebhookSendError("the URL does not read")
        }
        let secure = scheme == "https"
        let port = url.port ?? (secure ? 443 : 80)
        let address = try await allowedAddress(of: target.host, port: port)
        var path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        if let query = url.percentEncodedQuery { path += "?" + query }
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        let hostHeader = target.host.contains(":") ? "[\(target.host)]" : target.host
        head.headers.add(name: "Host", value: url.port.map { "\(hostHeader):\($0)" } ?? hostHeader)
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Connection", value: "close")

        let tls = secure ? try Self.tlsContext() : nil
        let serverName = (try? NetworkRange(parsing: target.host)) == nil ? target.host : nil
        let loop = group.next()
        let status = loop.makePromise(of: Int.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(StatusHandler(status: status))
                }
            }
        let timer = loop.scheduleTask(in: .seconds(timeout.components.seconds)) {
            status.fail(WebhookSendError("no answer within \(timeout.components.seconds) s"))
        }
        defer { timer.cancel() }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(to: address).get()
        } catch {
            status.fail(error)
            throw WebhookSendError("could not connect to \(address.ipAddress ?? "the target"): \(error)")
        }
        defer { channel.close(promise: nil) }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        return try await status.futureResult.get()
    }

    /// The first address of `host` the instance may connect to.
    ///
    /// - Throws: when the name does not resolve, or resolves only to addresses that are not allowed.
    private func allowedAddress(of host: String, port: Int) async throws -> SocketAddress {
        let addresses = try await NIOThreadPool.singleton.runIfActive { try Self.resolve(host, port: port) }
        let allowed = addresses.filter { address in
            guard let text = address.ipAddress, let range = try? NetworkRange(parsing: text) else { return false }
            return allowsPrivateTargets || WebhookTarget.isPublic(range)
        }
        guard let first = allowed.first else {
            throw WebhookSendError(
                addresses.isEmpty
                    ? "`\(host)` does not resolve"
                    : "`\(host)` resolves only to loopback, private or reserved addresses, where webhooks do not go")
        }
        return first
    }

    private static func resolve(_ host: String, port: Int) throws -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry, addresses.count < 16 {
            if let address = current.pointee.ai_addr {
                switch Int32(current.pointee.ai_family) {
                case AF_INET:
                    addresses.append(
                        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                            SocketAddress($0.pointee, host: host)
                        })
                case AF_INET6:
                    addresses.append(
                        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                            SocketAddress($0.pointee, host: host)
                        })
                default: break
                }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    private static let sharedTLS = Result { try NIOSSLContext(configuration: .makeClientConfiguration()) }

    private static func tlsContext() throws -> NIOSSLContext {
        try sharedTLS.get()
    }
}

/// Takes the status of the response's head, then nothing more.
private final class StatusHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    let status: EventLoopPromise<Int>

    init(status: EventLoopPromise<Int>) {
        self.status = status
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            status.succeed(Int(head.status.code))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        status.fail(WebhookSendError("the receiver closed the connection without answering"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        status.fail(error)
        context.close(promise: nil)
    }
}

struct WebhookSendError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
