package io.github.resilientredis.connection;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.lettuce.core.api.StatefulConnection;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ConnectionPoolStatistics} of a {@link ResilientLettuceConnectionFactory}: a
 * stable view over whichever {@link PooledConnectionProvider} the factory currently has
 * (none before start, after stop, or when pooling is disabled).
 */
final class PoolStatisticsView implements ConnectionPoolStatistics {

	private final Supplier<@Nullable PooledConnectionProvider> provider;

	private final Supplier<@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>>> poolConfig;

	PoolStatisticsView(Supplier<@Nullable PooledConnectionProvider> provider,
			Supplier<@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>>> poolConfig) {
		this.provider = provider;
		this.poolConfig = poolConfig;
	}

	@Override
	public boolean isPooled() {
		return this.poolConfig.get() != null;
	}

	@Override
	public int getActive() {
		PooledConnectionProvider provider = this.provider.get();
		return (provider != null) ? provider.getActive() : 0;
	}

	@Override
	public int getIdle() {
		PooledConnectionProvider provider = this.provider.get();
		return (provider != null) ? provider.getIdle() : 0;
	}

	@Override
	public int getWaiting() {
		PooledConnectionProvider provider = this.provider.get();
		return (provider != null) ? provider.getWaiting() : 0;
	}

	@Override
	public int getMaxActive() {
		GenericObjectPoolConfig<?> config = this.poolConfig.get();
		return (config != null) ? config.getMaxTotal() : -1;
	}

	@Override
	public long getCreated() {
		PooledConnectionProvider provider = this.provider.get();
		return (provider != null) ? provider.getCreated() : 0;
	}

	@Override
	public long getDestroyed() {
		PooledConnectionProvider provider = this.provider.get();
		return (provider != null) ? provider.getDestroyed() : 0;
	}

	@Override
	public List<Borrow> borrowedLongerThan(Duration threshold) {
		PooledConnectionProvider provider = this.provider.get();
		return (provider != null) ? provider.borrowedLongerThan(threshold) : List.of();
	}

}
