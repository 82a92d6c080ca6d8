package io.scopecloud.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** Tenancy settings: how the schema is handled at start-up and how long probe tokens stay cached. */
public class TenancyFactory {
    /** Apply pending migrations at start-up; when false, only validate the schema. */
    @JsonProperty
    private boolean migrateOnStart = true;

    /** How long a checked probe token is trusted without asking PostgreSQL again (revocation delay). */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration tokenCacheTtl = Duration.seconds(10);

    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    public Duration getTokenCacheTtl() {
        return tokenCacheTtl;
    }

    public void setTokenCacheTtl(Duration tokenCacheTtl) {
        this.tokenCacheTtl = tokenCacheTtl;
    }
}
