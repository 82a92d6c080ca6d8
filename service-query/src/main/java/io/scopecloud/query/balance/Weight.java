package io.scopecloud.query.balance;

/**
 * What a partition weighs: the report bytes a second it brings in all, and those of its biggest
 * org (a big tenant is what gets an instance of its own, not a partition that several small orgs
 * happen to share).
 */
public record Weight(double total, String topOrg, double topRate) {
    public static final Weight NONE = new Weight(0, "", 0);
}
