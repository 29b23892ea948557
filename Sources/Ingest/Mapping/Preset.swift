/// The products whose exports the tool knows. Each product's files (signatures, column names,
/// vocabulary) are described in its own file under `Products/`; the sources of every header
/// name are listed in `Tests/Fixtures/exports/SOURCES.md`.
///
/// A preset is normally detected per file from its header; `--preset NAME` (every file) or
/// `--preset FILE=NAME` (one file) restricts detection to that product's formats.
public enum Preset: String, Sendable, Hashable, CaseIterable {
    case hubspot, salesforce, stripe, chargebee, recurly, paddle, zendesk, freshdesk, intercom, delighted,
         typeform, surveymonkey, qualtrics, pipedrive, zoho, gocardless, shopify, woocommerce

    /// Preset by name, case-insensitively (`HubSpot`, `stripe`, …).
    public init?(name: String) {
        self.init(rawValue: headerKey(name))
    }

    /// The product's name as its vendor writes it.
    public var displayName: String {
        switch self {
        case .hubspot: return "HubSpot"
        case .salesforce: return "Salesforce"
        case .stripe: return "Stripe"
        case .chargebee: return "Chargebee"
        case .recurly: return "Recurly"
        case .paddle: return "Paddle"
        case .zendesk: return "Zendesk"
        case .freshdesk: return "Freshdesk"
        case .intercom: return "Intercom"
        case .delighted: return "Delighted"
        case .typeform: return "Typeform"
        case .surveymonkey: return "SurveyMonkey"
        case .qualtrics: return "Qualtrics"
        case .pipedrive: return "Pipedrive"
        case .zoho: return "Zoho CRM"
        case .gocardless: return "GoCardless"
        case .shopify: return "Shopify"
        case .woocommerce: return "WooCommerce"
        }
    }

    /// The kinds of file the product exports, in order of preference: when two files of the
    /// same product hold the same revenue (Stripe invoices and the payments that paid them),
    /// the earlier format is read and the other listed as not used.
    public var formats: [ExportFormat] {
        switch self {
        case .hubspot: return HubSpotExports.formats
        case .salesforce: return SalesforceExports.formats
        case .stripe: return StripeExports.formats
        case .chargebee: return ChargebeeExports.formats
        case .recurly: return RecurlyExports.formats
        case .paddle: return PaddleExports.formats
        case .zendesk: return ZendeskExports.formats
        case .freshdesk: return FreshdeskExports.formats
        case .intercom: return IntercomExports.formats
        case .delighted: return DelightedExports.formats
        case .typeform: return TypeformExports.formats
        case .surveymonkey: return SurveyMonkeyExports.formats
        case .qualtrics: return QualtricsExports.formats
        case .pipedrive: return PipedriveExports.formats
        case .zoho: return ZohoExports.formats
        case .gocardless: return GoCardlessExports.formats
        case .shopify: return ShopifyExports.formats
        case .woocommerce: return WooCommerceExports.formats
        }
    }

    /// Every known format of every product.
    static let allFormats: [ExportFormat] = Preset.allCases.flatMap(\.formats)

    /// The survey kind every response in a file of this preset has, when the file has no kind column.
    var surveyKind: String? {
        formats.first { $0.entity == .surveys && $0.rules.surveyKind != nil }?.rules.surveyKind?.rawValue
    }

    /// The product's header names for a field of an entity, over all its formats for that entity.
    func candidates(_ entity: Entity, _ field: String) -> [String] {
        var names: [String] = []
        for format in formats where format.entity == entity && format.notUsedBecause == nil {
            for name in format.candidates(field) where !names.contains(name) { names.append(name) }
        }
        return names
    }
}
