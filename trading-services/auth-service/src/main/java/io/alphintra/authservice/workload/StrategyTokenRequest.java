package io.alphintra.authservice.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/auth/strategy-token}: the pod's projected service-account token. */
record StrategyTokenRequest(
    @JsonProperty("service_account_token") @NotBlank @Size(max = 8192)
        String serviceAccountToken) {}
