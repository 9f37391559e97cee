package io.github.memorylifecycle.endpoint;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration of the {@code memory-lifecycle} actuator endpoint. Access and exposure are configured like any
 * endpoint, under {@code management.endpoint.memory-lifecycle.*} and {@code management.endpoints.*}.
 */
@ConfigurationProperties("memory.lifecycle.endpoint")
public class MemoryLifecycleEndpointProperties implements InitializingBean {

	/**
	 * Items shown per list when a request has no limit parameter.
	 */
	private int defaultLimit = 100;

	/**
	 * Most items shown per list whatever the limit parameter asks for.
	 */
	private int maxLimit = 1000;

	/**
	 * When to show details taken from application objects at run time, such as the message of an exception a timer
	 * threw: never, when-authorized or always. Class names, descriptions given in code, call sites and counts are
	 * always shown.
	 */
	private Show showDetails = Show.NEVER;

	/**
	 * Roles allowed to see details when show-details is when-authorized. When empty, any authenticated user may.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	public int getDefaultLimit() {
		return this.defaultLimit;
	}

	public void setDefaultLimit(int defaultLimit) {
		this.defaultLimit = defaultLimit;
	}

	public int getMaxLimit() {
		return this.maxLimit;
	}

	public void setMaxLimit(int maxLimit) {
		this.maxLimit = maxLimit;
	}

	public Show getShowDetails() {
		return this.showDetails;
	}

	public void setShowDetails(Show showDetails) {
		this.showDetails = showDetails;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

	void validate() {
		if (this.defaultLimit < 0) {
			throw new InvalidConfigurationPropertyValueException("memory.lifecycle.endpoint.default-limit",
					this.defaultLimit, "It must be 0 or more; set it to 100 (the default) or another item count");
		}
		if (this.maxLimit < this.defaultLimit) {
			throw new InvalidConfigurationPropertyValueException("memory.lifecycle.endpoint.max-limit", this.maxLimit,
					"It must be at least memory.lifecycle.endpoint.default-limit (" + this.defaultLimit
							+ "); raise it or lower the default limit");
		}
	}

	/**
	 * Checks the bound values, naming the first wrong property.
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		validate();
	}

}
