public import ClearinghouseCore
public import ClearinghouseStore
public import ClearinghouseWorkflows
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
///   - catalogs: The in-memory catalogs (made from the configuration when `nil`): loaded from the store before the
///     server accepts connections, and following every node's changes afterwards.
///   - logger: The server's logger.
///   - jobs: Scheduled jobs besides the server's own (claim expiry, change-feed pruning, the outbox relay).
///   - deliverers: Who delivers topics of the outbox; one given for `webhook` replaces the server's own sender.
public func buildApplication(
    configuration: ServerConfiguration, store: Store, logSigner: NoteSigner, dependencies: Dependencies,
    metrics: HTTPMetrics = HTTPMetrics(), catalogs: NodeCatalogs? = nil, jobs: [ScheduledJob] = [],
    deliverers: [any OutboxDeliverer] = [], logger: Logger
) -> some ApplicationProtocol {
    let catalogs =
        catalogs ?? NodeCatalogs(store: store, interval: configuration.catalogFollowInterval, logger: logger)
    let checkpointer = LogCheckpointer(
        store: store, signer: logSigner, batchSize: configuration.checkpointBatchSize,
        interval: configuration.checkpointInterval, dependencies: dependencies, logger: logger)
    let commits = CommitPath(
        store: store, dependencies: dependencies, catalogs: catalogs.follower, logger: logger,
        logAppended: { checkpointer.appended($0) })
    let imports = ImportQueue()
    let (router, _) = buildRouter(
        configuration: configuration, checkpointer: checkpointer, catalogs: catalogs, commits: commits,
        metrics: metrics, imports: imports)
    var application = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        logger: logger)
    let scheduler = Scheduler(
        jobs: [
            ClaimExpiry.job(every: configuration.claimExpiryPeriod),
            ScanLeaseExpiry.job(every: configuration.claimExpiryPeriod, policy: configuration.scanPolicy),
            ChangeFeedPruning.job(retention: configuration.changeRetention),
            SessionWorkflows.pruning(lifetime: configuration.sessionLifetime),
            EmbargoReminders.job(),
            RemediationReminders.job(policy: configuration.priorityPolicy),
            AccessWindowReminders.job(),
            PublicationAlerts.job(exposure: catalogs.exposure, advisories: catalogs.advisories),
            OutboxRelay(
                deliverers: deliverers + [
                    WebhookDeliverer(
                        store: store,
                        sender: WebhookHTTPSender(
                            allowsPrivateTargets: configuration.webhookPolicy.allowsPrivateTargets),
                        policy: configuration.webhookPolicy, dependencies: dependencies)
                ]
            ).job(),
        ] + (configuration.tufSigning.map { [TUFRepositoryWorkflows.job(signing: $0)] } ?? []) + jobs,
        commits: commits, node: configuration.nodeName, tick: configuration.schedulerTick,
        startWhen: { catalogs.follower.status.loaded }, logger: logger)
    // Services stop in reverse order: the checkpointer signs its last checkpoint before the store closes.
    application.addServices(StoreService(store: store), checkpointer, catalogs.follower, scheduler, imports)
    application.beforeServerStarts {
        let applied = try await store.migrate(now: dependencies.now())
        if !applied.isEmpty {
            logger.info("applied migrations", metadata: ["migrations": .string(applied.joined(separator: ", "))])
        }
        try await checkpointer.start()
        logger.info("transparency log ready", metadata: ["origin": .string(logSigner.name)])
        try await catalogs.follower.load()
        if let signing = configuration.tufSigning {
            try await TUFRepositoryWorkflows.check(signing.keys, store: store)
        }
    }
    return application
}

/// Builds the router and returns it with the list of routes it serves.
///
/// Middleware, outermost first: the request's envelope (id, problem responses, metrics, log line), authentication.
public func buildRouter(
    configuration: ServerConfiguration, checkpointer: LogCheckpointer, catalogs: NodeCatalogs, commits: CommitPath,
    metrics: HTTPMetrics, imports: ImportQueue = ImportQueue()
) -> (Router<AppRequestContext>, [APIRoute]) {
    let store = commits.store
    let dependencies = commits.dependencies
    let catalog = catalogs.advisories
    let exposure = catalogs.exposure
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestEnvelopeMiddleware(metrics: metrics))
    let tokenCache = TokenCache()

    var settings = WorkflowSettings()
    settings.validationQuorum = configuration.validationQuorum
    settings.validationClaimDuration = configuration.validationClaimDuration
    settings.openClaimsPerOrganization = configuration.openClaimsPerOrganization
    settings.priorityPolicy = configuration.priorityPolicy
    settings.artifactStorageQuota = configuration.artifactStorageQuota
    settings.scanPolicy = configuration.scanPolicy
    settings.embargoPolicy = configuration.embargoPolicy
    settings.advisoryPrefix = configuration.advisoryPrefix
    settings.webhookPolicy = configuration.webhookPolicy
    let workflows = Workflows(commits: commits, settings: settings)
    let environment = APIEnvironment(
        store: store, dependencies: dependencies, configuration: configuration,
        tokenCache: tokenCache, checkpointer: checkpointer, commits: commits, workflows: workflows,
        catalogs: catalogs,
        proofs: InclusionProofBatcher(store: store), imports: imports)
    let routes = RouteTable(
        router: router,
        authentication: AuthenticationMiddleware(store: store, cache: tokenCache, dependencies: dependencies))
    OperationsController(environment: environment, metrics: metrics).register(on: routes)
    MeController().register(on: routes)
    OrganizationsController(environment: environment).register(on: routes)
    TokensController(environment: environment).register(on: routes)
    InvitationsController(environment: environment).register(on: routes)
    AuditController(environment: environment).register(on: routes)
    LogController(environment: environment).register(on: routes)
    TileController(environment: environment).register(on: routes)
    OSVController(environment: environment, catalog: catalog).register(on: routes)
    AdvisoriesController(environment: environment).register(on: routes)
    SBOMsController(environment: environment, exposure: exposure).register(on: routes)
    VEXController(environment: environment, exposure: exposure).register(on: routes)
    ExposureController(environment: environment, advisories: catalog, exposure: exposure).register(on: routes)
    FindingsController(environment: environment).register(on: routes)
    CasesController(environment: environment).register(on: routes)
    ArtifactsController(environment: environment).register(on: routes)
    ValidationController(environment: environment).register(on: routes)
    ReportersController(environment: environment).register(on: routes)
    VendorProductsController(environment: environment).register(on: routes)
    PrioritiesController(environment: environment).register(on: routes)
    ThreatFeedsController(environment: environment).register(on: routes)
    WebhooksController(environment: environment).register(on: routes)
    ExposureAlertsController(environment: environment).register(on: routes)
    CaseCoordinationController(environment: environment).register(on: routes)
    CaseMessagesController(environment: environment).register(on: routes)
    CaseDisclosureController(environment: environment).register(on: routes)
    PublishedAdvisoriesController(environment: environment).register(on: routes)
    TAXIIController(environment: environment).register(on: routes)
    TUFController(environment: environment).register(on: routes)
    CSAFProviderController(environment: environment).register(on: routes)
    ScansController(environment: environment).register(on: routes)
    ScanGrantsController(environment: environment).register(on: routes)
    FrontierController(environment: environment).register(on: routes)
    EvaluationsController(environment: environment).register(on: routes)
    DeterminationsController(environment: environment).register(on: routes)
    AccessWindowsController(environment: environment).register(on: routes)
    ScanPreferencesController(environment: environment).register(on: routes)
    WebController(environment: environment).register(on: router)
    let served = routes.routes
    routes.addMethodNotAllowedResponders()
    return (router, served)
}
