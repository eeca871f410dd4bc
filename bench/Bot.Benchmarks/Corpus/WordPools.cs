namespace Bot.Benchmarks.Corpus;

/// <summary>The word pools the synthetic corpus composes names and sentences from: invented, news-like, English.</summary>
internal static class WordPools
{
    public static readonly string[] Places =
    [
        "Hangzhou", "Shenzhen", "Singapore", "Zurich", "Lagos", "Nairobi", "Oslo", "Lisbon", "Dublin", "Toronto",
        "Melbourne", "Seoul", "Osaka", "Mumbai", "Jakarta", "Manila", "Dubai", "Riyadh", "Istanbul", "Warsaw",
        "Prague", "Vienna", "Madrid", "Milan", "Lyon", "Hamburg", "Munich", "Rotterdam", "Antwerp", "Stockholm",
        "Helsinki", "Tallinn", "Vilnius", "Bucharest", "Athens", "Cairo", "Casablanca", "Accra", "Kigali", "Cape Town",
        "Sao Paulo", "Bogota", "Lima", "Santiago", "Monterrey", "Austin", "Denver", "Atlanta", "Boston", "Seattle",
        "Vancouver", "Montreal", "Auckland", "Perth", "Taipei", "Hanoi", "Bangkok", "Kuala Lumpur", "Chengdu", "Wuhan",
        "Nanjing", "Qingdao", "Xiamen", "Tianjin", "Hong Kong", "Macao", "Guangzhou", "Busan", "Almaty", "Tbilisi",
    ];

    public static readonly string[] Adjectives =
    [
        "United", "Digital", "Pacific", "Northern", "Southern", "Global", "Open", "Smart", "Green", "Atlantic",
        "Central", "Eastern", "Western", "Coastal", "Continental", "Federal", "Metropolitan", "National", "Regional", "Civic",
        "Modern", "Future", "Trusted", "Secure", "Rapid", "Prime", "Allied", "Mutual", "Sovereign", "Frontier",
    ];

    public static readonly string[] Nouns =
    [
        "Blockchain", "Payments", "Fintech", "Energy", "Logistics", "Trade", "Data", "Cloud", "Mobility", "Health",
        "Insurance", "Shipping", "Retail", "Agritech", "Robotics", "Battery", "Hydrogen", "Semiconductor", "Telecom", "Media",
        "Satellite", "Water", "Steel", "Textile", "Tourism", "Aviation", "Rail", "Biotech", "Software", "Identity",
        "Carbon", "Wind", "Solar", "Grid", "Freight", "Port", "Credit", "Savings", "Mortgage", "Gaming",
    ];

    public static readonly string[] GroupSuffixes =
    [
        "Alliance", "Network", "Association", "Consortium", "Federation", "Coalition", "Council", "Alliance", "Network", "Association",
    ];

    public static readonly string[] OrgSuffixes =
    [
        "Bank", "Group", "Holdings", "Capital", "Technologies", "Labs", "Securities", "Insurance", "Partners", "Systems",
        "Exchange", "Ventures", "Logistics", "Energy", "Telecom", "Bank", "Group", "Technologies",
    ];

    /// <summary>Syllables of invented brand names ("Veltora", "Kestrane").</summary>
    public static readonly string[] BrandHeads =
    [
        "Vel", "Kes", "Nor", "Tal", "Mar", "Zen", "Qua", "Lum", "Arc", "Bri", "Cor", "Dra", "Eri", "Fal", "Gal", "Hal",
        "Ira", "Jun", "Kal", "Lor", "Mon", "Nex", "Ori", "Pol", "Rav", "Sol", "Tor", "Ulm", "Var", "Wex", "Yor", "Zel",
    ];

    public static readonly string[] BrandTails =
    [
        "tora", "trane", "vane", "dex", "lon", "mira", "quist", "bright", "field", "gate", "haven", "ora", "ium", "ex", "ano", "ica",
        "ford", "well", "stone", "brook", "ridge", "mont", "vista", "nova",
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Liam", "Mei", "Kofi", "Sofia", "Ravi", "Elena", "Tomas", "Aisha", "Jonas", "Yuki", "Carlos", "Ingrid", "Omar",
        "Lucia", "Pavel", "Nadia", "Hiroshi", "Fatima", "Mateo", "Zara", "Erik", "Chen", "Amara", "Diego", "Leila", "Henrik",
        "Priya", "Marco", "Sara", "Tariq", "Julia", "Kenji", "Olga", "Samuel", "Wei", "Grace", "Ahmed", "Clara", "Victor",
    ];

    public static readonly string[] LastNames =
    [
        "Okafor", "Lindqvist", "Tanaka", "Moreau", "Kowalski", "Haddad", "Fernandes", "Novak", "Petrov", "Nakamura",
        "Mensah", "Schneider", "Rossi", "Castillo", "Andersen", "Kim", "Zhang", "Wang", "Liu", "Park", "Singh", "Patel",
        "Costa", "Dubois", "Jensen", "Virtanen", "Horvat", "Yilmaz", "Abebe", "Osei", "Nguyen", "Santos", "Weber", "Fischer",
        "Varga", "Silva", "Romero", "Bauer", "Keller", "Larsen", "Molina", "Ortiz", "Popescu", "Ivanova", "Sato", "Ito",
        "Wu", "Zhou", "Huang", "Lopez",
    ];

    public static readonly string[] Goals =
    [
        "expand its services across the region", "cut settlement times for small businesses", "share data more securely with partners",
        "bring new products to market faster", "lower costs for its customers", "build a common platform for the industry",
        "improve transparency in cross-border trade", "train more engineers over the next two years", "reach customers in rural areas",
        "test new applications with regulators", "speed up the approval of new projects", "open two new offices next year",
    ];

    public static readonly string[] FirmKinds =
    [
        "lender", "payments company", "software firm", "logistics group", "insurer", "telecom operator", "energy company",
        "investment firm", "technology company", "shipping company", "retail bank", "data centre operator",
    ];

    public static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    public static readonly string[] Fillers =
    [
        "Analysts expect spending on {noun} services in {place} to grow by {n} percent next year.",
        "The announcement comes as regulators in {place} step up their scrutiny of {noun} services.",
        "The company did not disclose the financial terms of the agreement.",
        "Details of the first projects are expected to be announced in the coming weeks.",
        "The move follows a year of rapid growth in demand for {noun} infrastructure.",
        "Industry observers said the plan could take several years to complete.",
        "A pilot programme will start in {place} before a wider launch later in the year.",
        "Officials said the initiative would create about {n} hundred jobs in the city.",
        "The project still needs approval from the local authorities before work can begin.",
        "Demand for {noun} products has risen sharply since the start of the year.",
        "Several smaller firms have already signed letters of intent to take part.",
        "The group plans to publish a technical roadmap by the end of the quarter.",
        "Critics argue that the scheme does little to address rising costs for consumers.",
        "Trading volumes in {place} rose {n} percent in the last quarter, according to official figures.",
        "The platform is expected to handle several million transactions a day once it is fully running.",
        "Some participants have raised concerns about data privacy and governance.",
    ];

    public static readonly string[] TeaserHeads =
    [
        "{place} Startups Raise Record Funding in {year}", "Why {noun} Firms Are Betting on {place}", "{org} Reports Strong Quarterly Results",
        "Regulators Weigh New Rules for {noun} Services", "{place} Opens Innovation Hub for {noun} Companies", "{org} Names New Chief Executive",
    ];
}
