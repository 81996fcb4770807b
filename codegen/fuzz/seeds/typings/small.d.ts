export as namespace microsoftgraph;

export type NullableOption<T> = T | null;

export type RiskLevel = "low" | "medium";
export interface User extends DirectoryObject {
    // A freeform text entry field for the user to describe themselves.
    aboutMe?: NullableOption<string>;
    /**
     * true if the account is enabled; otherwise, false. Supports $filter (eq, ne, not, and in).
     * Quoted: "a \"b\"" and a tab	here.
     */
    accountEnabled?: NullableOption<boolean>;
    "@odata.type"?: string;
}
export interface IPv6Range extends IpRange {}
export namespace CallRecords {
    interface CallRecord extends microsoftgraph.Entity {
        // Time when the call ended.
        endDateTime?: string;
    }
}
