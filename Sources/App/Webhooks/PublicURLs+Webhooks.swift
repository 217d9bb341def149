import Storage

extension PublicURLs {
    /// What webhook bodies link to: an item's public status page.
    var webhookLinks: WebhookLinks { WebhookLinks(trackPrefix: absolute(.track(.value("")))) }
}
