package io.github.memorylifecycle.cache;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EntryWeigher} estimates what an entry keeps alive, cheaply and without calling application code.
 */
class EntryWeigherTests {

	private static final int OVERHEAD = EntryWeigher.ENTRY_OVERHEAD;

	private final EntryWeigher weigher = new EntryWeigher();

	@Test
	void stringCountsItsObjectItsArrayHeaderAndOneBytePerChar() {
		assertThat(this.weigher.weigh("", "a".repeat(100))).isEqualTo(OVERHEAD + 40 + (24 + 120));
	}

	@Test
	void primitiveArrayCountsItsElements() {
		assertThat(this.weigher.weigh(1L, new byte[1000])).isEqualTo(OVERHEAD + 24 + 1016);
		assertThat(this.weigher.weigh(1L, new long[10])).isEqualTo(OVERHEAD + 24 + 96);
	}

	@Test
	void applicationObjectCountsItsFieldsAndWhatTheyReferTo() {
		Book book = new Book(7, "Dune", new byte[100]);
		long shallow = 12 + 8 + 4 + 4 + 4;
		assertThat(this.weigher.weigh(null, book)).isEqualTo(OVERHEAD + shallow + (24 + 24) + 120);
	}

	@Test
	void jdkCollectionIsEstimatedFromASampleOfItsElements() {
		List<String> list = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			list.add("abcdefgh");
		}
		assertThat(this.weigher.weigh(null, list)).isEqualTo(OVERHEAD + 48 + 1000 * 16 + 1000 * (24 + 24));
		Map<String, String> map = new HashMap<>(Map.of("k", "v"));
		assertThat(this.weigher.weigh(null, map)).isEqualTo(OVERHEAD + 48 + 40 + 48 + 48);
	}

	@Test
	void applicationCollectionIsNeverIterated() {
		List<String> lazy = new AbstractList<>() {

			@Override
			public String get(int index) {
				throw new IllegalStateException("would load from the database");
			}

			@Override
			public int size() {
				throw new IllegalStateException("would load from the database");
			}

		};
		assertThat(this.weigher.weigh(null, lazy)).isGreaterThan(OVERHEAD);
	}

	@Test
	void cyclesAndDeepGraphsStopAtTheBudget() {
		Node first = new Node();
		Node second = new Node();
		first.next = second;
		second.next = first;
		assertThat(this.weigher.weigh(null, first)).isEqualTo(OVERHEAD + 5 * 16);
	}

	@Test
	void enumConstantsAreShared() {
		assertThat(this.weigher.weigh(null, TimeUnit.SECONDS)).isEqualTo(OVERHEAD);
	}

	@Test
	void weightNeverOverflowsWhenSamplesExtrapolateBeyondTwoGigabytes() {
		Object[] huge = new Object[100_000];
		java.util.Arrays.fill(huge, new long[10_000]);
		assertThat(this.weigher.weigh(null, huge)).isEqualTo(Integer.MAX_VALUE);
	}

	record Book(long id, String title, byte[] cover) {
	}

	static final class Node {

		Node next;

	}

}
