package org.transcriptsearch.sandbox;

/** Each vendor API endpoint the sandbox serves; faults and call counters are kept per endpoint. */
public enum Endpoint {
    CXONE_CONVERSATIONS(Vendor.CXONE, "GET /api/public/conversations"),
    KORE_GET_MESSAGES(Vendor.KORE, "GET|POST /api/public/bot/{botId}/getMessages"),
    AGENTX_CONVERSATIONS(Vendor.AGENTX, "GET /conversations/export/v1/conversations"),
    AGENTX_MESSAGES(Vendor.AGENTX, "GET /conversations/export/v1/messages");

    private final Vendor vendor;
    private final String route;

    Endpoint(Vendor vendor, String route) {
        this.vendor = vendor;
        this.route = route;
    }

    public Vendor vendor() {
        return vendor;
    }

    public String route() {
        return route;
    }
}
