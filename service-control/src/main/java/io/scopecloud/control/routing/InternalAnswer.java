package io.scopecloud.control.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.Outcome;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the holding instance answers a forwarded call: the probe's response, or how it failed.
 * Always HTTP 200, so a non-200 means the forwarding itself failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InternalAnswer(
        @JsonProperty("outcome") String outcome,
        @JsonProperty("response") @Nullable JsonNode response,
        @JsonProperty("message") @Nullable String message) {

    static InternalAnswer ok(JsonNode response) {
        return new InternalAnswer(Outcome.OK.id(), response, null);
    }

    static InternalAnswer failed(ControlFailure failure) {
        return new InternalAnswer(failure.outcome().id(), null, failure.getMessage());
    }

    /** The response, or the failure rethrown here. */
    JsonNode unwrap() {
        Outcome o;
        try {
            o = Outcome.valueOf(outcome.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ControlFailure(Outcome.UNAVAILABLE, "unreadable answer from another control instance");
        }
        if (o == Outcome.OK) {
            if (response == null) {
                throw new ControlFailure(Outcome.UNAVAILABLE, "empty answer from another control instance");
            }
            return response;
        }
        throw new ControlFailure(o, message == null ? o.id() : message);
    }
}
