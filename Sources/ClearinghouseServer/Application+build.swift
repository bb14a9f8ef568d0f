public import ClearinghouseCore
public import ClearinghouseStore
public import Hummingbird
public import Logging
public import TransparencyLog

/// Builds the HTTP application: the router with every route and middleware, the store as a service, and the
/// migrations run before the server accepts connections. Tests call this too.
///
/// - Parameters:
///   - configuration: Host, port and limits.
///   - store: The store; the application runs and closes it.
///   - logSigner: The transparency log's key; its name is the log's origin.
///   - dependencies: The clock and randomness.
///   - metrics: Where request metrics go.
///   - catalog: The advisory index, loaded from the store before the server accepts connections.
///   - logger: The server's logger.
public func buildApplication(
    configuration: ServerConfiguration, store: Store, logSigner: NoteSigner, dependencies: Dependencies,
    metrics: HTTPMetrics = HTTPMetrics(), catalog: AdvisoryCatalog = AdvisoryCatalog(),
    exposure: ExposureCatalog = ExposureCatalog(), logger: Logger
) -> some ApplicationProtocol {
    let checkpointer = LogCheckpointer(
        store: store, signer: logSigner, batchSize: configuration.checkpointBatchSize,
        interval: configuration.checkpointInterval, dependencies: dependencies, logger: logger)
    let (router, _) = buildRouter(
        configuration: configuration, store: store, checkpointer: checkpointer, dependencies: dependencies,
        metrics: metrics, catalog: catalog, exposure: exposure)
    var application = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        logger: logger)
    // Services stop in reverse order: the checkpointer signs its last checkpoint before the store closes.
    application.addServices(
        StoreService(store: store), checkpointer,
        AdvisoryFollower(
            catalog: catalog, store: store, interval: configuration.advisoryRefreshInterval, logger: logger))
    application.beforeServerStarts {
        let applied = try await store.migrate(now: dependencies.now())
        if !applied.isEmpty {
            logger.info("applied migrations", metadata: ["migrations": .string(applied.joined(separator: ", "))])
        }
        try await checkpointer.start()
        logger.info("transparency log ready", metadata: ["origin": .string(logSigner.name)])
        let started = ContinuousClock.now
        let advisories = try await catalog.refresh(from: store)
        logger.info(
            "advisory index ready",
            metadata: [
                "advisories": .stringConvertible(advisories), "took": .string("\(ContinuousClock.now - started)"),
            ])
    }
    return application
}

/// Builds the router and returns it with the list of routes it serves.
///
/// Middleware, outermost first: the request's envelope (id, problem responses, metrics, log line), authentication.
public func buildRouter(
    configuration: ServerConfiguration, store: Store, checkpointer: LogCheckpointer, dependencies: Dependencies,
    metrics: HTTPMetrics, catalog: AdvisoryCatalog = AdvisoryCatalog(), exposure: ExposureCatalog = ExposureCatalog()
) -> (Router<AppRequestContext>, [APIRoute]) {
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestEnvelopeMiddleware(metrics: metrics))
    let tokenCache = TokenCache()

    let environment = APIEnvironment(
        store: store, dependencies: dependencies, policy: AccessPolicy(), configuration: configuration,
        tokenCache: tokenCache, checkpointer: checkpointer, proofs: InclusionProofBatcher(store: store))
    let routes = RouteTable(
        router: router,
        authentication: AuthenticationMiddleware(store: store, cache: tokenCache, dependencies: dependencies))
    OperationsController(environment: environment, metrics: metrics).register(on: routes)
    MeController().register(on: routes)
    OrganizationsController(environment: environment).register(on: routes)
    TokensController(environment: environment).register(on: routes)
    AuditController(environment: environment).register(on: routes)
    LogController(environment: environment).register(on: routes)
    TileController(environment: environment).register(on: routes)
    OSVController(environment: environment, catalog: catalog).register(on: routes)
    AdvisoriesController(environment: environment, catalog: catalog).register(on: routes)
    SBOMsController(environment: environment, exposure: exposure).register(on: routes)
    VEXController(environment: environment, exposure: exposure).register(on: routes)
    ExposureController(environment: environment, advisories: catalog, exposure: exposure).register(on: routes)
    FindingsController(environment: environment).register(on: routes)
    CasesController(environment: environment).register(on: routes)
    ArtifactsController(environment: environment).register(on: routes)
    ValidationController(environment: environment).register(on: routes)
    ReportersController(environment: environment).register(on: routes)
    PrioritiesController(environment: environment, advisories: catalog, exposure: exposure).register(on: routes)
    ThreatFeedsController(environment: environment).register(on: routes)
    CaseCoordinationController(environment: environment).register(on: routes)
    CaseMessagesController(environment: environment).register(on: routes)
    let served = routes.routes
    routes.addMethodNotAllowedResponders()
    return (router, served)
}
