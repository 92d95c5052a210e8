namespace Stadtkern;

/// <summary>Every setting of Stadtkern: bound from appsettings.json, environment variables (<c>STADTKERN_...</c>) and CLI flags alike.</summary>
public sealed class StadtkernOptions
{
    /// <summary>The configuration section and environment-variable prefix.</summary>
    public const string Section = "Stadtkern";

    /// <summary>Addresses the HTTP API listens on (semicolon-separated).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:1026";

    /// <summary>Folder holding the embedded store and the lake (with <see cref="Store"/> <c>postgres</c>, the lake only).</summary>
    public string DataDirectory { get; set; } = "./stadtkern-data";

    /// <summary>The storage backend: <c>sqlite</c> (embedded, in the data directory) or <c>postgres</c> (PostgreSQL 15 with PostGIS, at <see cref="Connection"/>).</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>The PostgreSQL connection string (<c>Host=...;Port=...;Username=...;Password=...;Database=...</c>) when <see cref="Store"/> is <c>postgres</c>.</summary>
    public string Connection { get; set; } = "";

    /// <summary>Largest page a query may ask for; a larger <c>limit</c> gets 403 TooManyResults.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Page size when a query gives no <c>limit</c>.</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>Most instances of one attribute a temporal response carries; longer histories are paged (Content-Range).</summary>
    public int TemporalInstanceLimit { get; set; } = 1000;

    /// <summary>Port of the in-process MQTT broker for device ingestion; 0 switches it off.</summary>
    public int MqttPort { get; set; } = 1883;

    /// <summary>Address the in-process MQTT broker listens on.</summary>
    public string MqttAddress { get; set; } = "127.0.0.1";

    /// <summary>An external MQTT broker to take device messages from (<c>mqtt://host:port</c> or <c>mqtts://host:port</c>) instead of the in-process one; empty runs the in-process broker.</summary>
    public string MqttBroker { get; set; } = "";

    /// <summary>Topic filters Stadtkern subscribes to on the external broker.</summary>
    public List<string> MqttTopics { get; set; } = ["ngsi-ld/+/entities/+/attrs"];

    /// <summary>Client id on the external broker; the session (and the readings queued for it while Stadtkern is away) is kept under this id.</summary>
    public string MqttClientId { get; set; } = "stadtkern-" + Environment.MachineName;

    /// <summary>With several Stadtkern nodes: the shared-subscription group (<c>$share/GROUP/...</c>) that spreads device traffic across them.</summary>
    public string MqttSharedGroup { get; set; } = "";

    /// <summary>User name on the external broker, if it asks for one.</summary>
    public string MqttUsername { get; set; } = "";

    /// <summary>Password on the external broker.</summary>
    public string MqttPassword { get; set; } = "";

    /// <summary>Mapping rules for devices that publish their own JSON (docs/mqtt-mapping.md); read-only over the API.</summary>
    public List<Ingest.Mapping.MappingRuleDocument> MqttMappings { get; set; } = [];

    /// <summary>A JSON file of watch rules (an array, each rule with an optional <c>tenant</c>); they are read-only over the API.</summary>
    public string WatchRulesFile { get; set; } = "";

    /// <summary>
    /// With several nodes on one PostgreSQL database: how long a node's hold on a subscription's notifications lasts
    /// without being renewed. The notifications a killed node held are sent by another node after at most this long.
    /// </summary>
    public TimeSpan NodeLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the watch checks for silent sensors (staleness rules).</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Keep every incoming message verbatim in the raw lake (under the data directory) before it is interpreted.</summary>
    public bool RawLake { get; set; } = true;

    /// <summary>Days the raw lake keeps each source's partitions (<c>http</c>, <c>mqtt</c>, <c>dead-letter</c>, ...; <c>*</c> for the rest); 0 keeps forever.</summary>
    public Dictionary<string, int> LakeRetentionDays { get; set; } = new(StringComparer.Ordinal) { ["*"] = 90 };

    /// <summary>Days attribute instances are kept in the history (by the time they were recorded); 0 keeps forever.</summary>
    public int HistoryRetentionDays { get; set; } = 3650;

    /// <summary>Undelivered notifications kept per subscription while its receiver fails; the oldest beyond are dropped and counted.</summary>
    public int NotificationBacklogLimit { get; set; } = 100_000;

    /// <summary>The integrity ledger's origin: the first line of its checkpoints and its key's name (no spaces or '+'; e.g. <c>daten.stadt.example/ledger</c>).</summary>
    public string LedgerOrigin { get; set; } = "stadtkern.invalid/ledger";

    /// <summary>Largest request body accepted, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most entities one batch operation may carry.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>How long a remote @context fetch may take before it counts as unavailable.</summary>
    public TimeSpan ContextFetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a fetched remote @context is kept before it is fetched again.</summary>
    public TimeSpan ContextCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Fill the store with the sample city at start (the <c>demo</c> command sets this).</summary>
    public bool SeedSampleCity { get; set; }

    /// <summary>CAP <c>sender</c> of warnings pre-filled from an alarm (an address of the issuing office, no spaces or commas).</summary>
    public string WarningSender { get; set; } = "warnungen@stadtkern.invalid";

    /// <summary>The open-data catalog's title (German) in its DCAT-AP.de documents and the CKAN API's site title.</summary>
    public string CatalogTitle { get; set; } = "Offene Daten der Stadt";

    /// <summary>The catalog's description (German).</summary>
    public string CatalogDescription { get; set; } = "Offene Daten aus der urbanen Datenplattform Stadtkern: Messwerte, Auswertungen und Verzeichnisse, veröffentlicht mit Prüfsummen im Integritätsprotokoll.";

    /// <summary>Who publishes the catalog (a foaf:Organization's name).</summary>
    public string CatalogPublisher { get; set; } = "Stadtverwaltung";

    /// <summary>The publisher's IRI (its website); empty gives it a node of its own under the catalog.</summary>
    public string CatalogPublisherUri { get; set; } = "";

    /// <summary>The catalog's home page (foaf:homepage); empty uses the address the catalog is served from.</summary>
    public string CatalogHomepage { get; set; } = "";

    /// <summary>Datasets per page of /catalog.ttl, .rdf and .jsonld (Hydra paging).</summary>
    public int CatalogPageSize { get; set; } = 100;
}
