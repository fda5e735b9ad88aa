// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the core's rules: task attribute scheduling (SAM-5
 * 8.6), initiator name patterns, SPC-2 reservation conflicts and the
 * data buffer cache.
 */
#include <kunit/test.h>
#include <linux/scatterlist.h>

#include "../scst_priv.h"

/*
 * A model of a task set: commands arrive in order and start when the
 * core's rules let them; the test completes them one at a time and
 * checks which start. Waiting commands start in arrival order only.
 */
struct order_model {
	struct scst_order o;
	enum scst_queue_type qt[16];
	bool started[16];
	bool done[16];
	unsigned int nr;
	unsigned int nr_started;
};

/* Start every waiting command the rules allow, oldest first. */
static void model_run(struct order_model *m)
{
	bool older_waiting = false;
	unsigned int i;

	for (i = 0; i < m->nr; i++) {
		if (m->started[i])
			continue;
		if (scst_order_may_start(&m->o, m->qt[i], older_waiting)) {
			scst_order_start(&m->o, m->qt[i]);
			m->started[i] = true;
			m->nr_started++;
		} else if (m->qt[i] != SCST_QUEUE_HEAD_OF_QUEUE) {
			older_waiting = true;
		}
	}
}

static unsigned int model_arrive(struct order_model *m,
				 enum scst_queue_type qt)
{
	m->qt[m->nr] = qt;
	return m->nr++;
}

static void model_done(struct kunit *test, struct order_model *m,
		       unsigned int i)
{
	KUNIT_ASSERT_TRUE(test, m->started[i]);
	KUNIT_ASSERT_FALSE(test, m->done[i]);
	scst_order_finish(&m->o, m->qt[i]);
	m->done[i] = true;
	model_run(m);
}

static void scst_order_simple_concurrent(struct kunit *test)
{
	struct order_model m = {};

	model_arrive(&m, SCST_QUEUE_SIMPLE);
	model_arrive(&m, SCST_QUEUE_SIMPLE);
	model_arrive(&m, SCST_QUEUE_UNTAGGED);
	model_run(&m);
	KUNIT_EXPECT_EQ(test, m.nr_started, 3U);
	KUNIT_EXPECT_EQ(test, m.o.simple, 3U);
	KUNIT_EXPECT_EQ(test, m.o.ordered, 0U);
}

static void scst_order_ordered_waits_for_older(struct kunit *test)
{
	struct order_model m = {};
	unsigned int s1, s2, ord;

	s1 = model_arrive(&m, SCST_QUEUE_SIMPLE);
	s2 = model_arrive(&m, SCST_QUEUE_SIMPLE);
	model_run(&m);
	ord = model_arrive(&m, SCST_QUEUE_ORDERED);
	model_run(&m);
	KUNIT_EXPECT_FALSE(test, m.started[ord]);
	model_done(test, &m, s1);
	KUNIT_EXPECT_FALSE(test, m.started[ord]);
	model_done(test, &m, s2);
	KUNIT_EXPECT_TRUE(test, m.started[ord]);
	KUNIT_EXPECT_EQ(test, m.o.ordered, 1U);
	KUNIT_EXPECT_EQ(test, m.o.simple, 0U);
}

static void scst_order_simple_waits_for_ordered(struct kunit *test)
{
	struct order_model m = {};
	unsigned int ord, s1, s2;

	ord = model_arrive(&m, SCST_QUEUE_ORDERED);
	s1 = model_arrive(&m, SCST_QUEUE_SIMPLE);
	s2 = model_arrive(&m, SCST_QUEUE_SIMPLE);
	model_run(&m);
	KUNIT_EXPECT_TRUE(test, m.started[ord]);
	KUNIT_EXPECT_FALSE(test, m.started[s1]);
	KUNIT_EXPECT_FALSE(test, m.started[s2]);
	model_done(test, &m, ord);
	KUNIT_EXPECT_TRUE(test, m.started[s1]);
	KUNIT_EXPECT_TRUE(test, m.started[s2]);
}

static void scst_order_simple_behind_waiting_ordered(struct kunit *test)
{
	struct order_model m = {};
	unsigned int s1, ord, s2;

	/* A SIMPLE newer than a waiting ORDERED must not overtake it. */
	s1 = model_arrive(&m, SCST_QUEUE_SIMPLE);
	ord = model_arrive(&m, SCST_QUEUE_ORDERED);
	s2 = model_arrive(&m, SCST_QUEUE_SIMPLE);
	model_run(&m);
	KUNIT_EXPECT_TRUE(test, m.started[s1]);
	KUNIT_EXPECT_FALSE(test, m.started[ord]);
	KUNIT_EXPECT_FALSE(test, m.started[s2]);
	model_done(test, &m, s1);
	KUNIT_EXPECT_TRUE(test, m.started[ord]);
	KUNIT_EXPECT_FALSE(test, m.started[s2]);
	model_done(test, &m, ord);
	KUNIT_EXPECT_TRUE(test, m.started[s2]);
}

static void scst_order_two_ordered_serialise(struct kunit *test)
{
	struct order_model m = {};
	unsigned int o1, o2;

	o1 = model_arrive(&m, SCST_QUEUE_ORDERED);
	o2 = model_arrive(&m, SCST_QUEUE_ORDERED);
	model_run(&m);
	KUNIT_EXPECT_TRUE(test, m.started[o1]);
	KUNIT_EXPECT_FALSE(test, m.started[o2]);
	model_done(test, &m, o1);
	KUNIT_EXPECT_TRUE(test, m.started[o2]);
	KUNIT_EXPECT_EQ(test, m.o.ordered, 1U);
}

static void scst_order_head_of_queue_overtakes(struct kunit *test)
{
	struct order_model m = {};
	unsigned int ord, s1, hoq;

	ord = model_arrive(&m, SCST_QUEUE_ORDERED);
	s1 = model_arrive(&m, SCST_QUEUE_SIMPLE);
	hoq = model_arrive(&m, SCST_QUEUE_HEAD_OF_QUEUE);
	model_run(&m);
	KUNIT_EXPECT_TRUE(test, m.started[ord]);
	KUNIT_EXPECT_FALSE(test, m.started[s1]);
	KUNIT_EXPECT_TRUE(test, m.started[hoq]);
	/* HEAD OF QUEUE commands are not counted in the task set order. */
	KUNIT_EXPECT_EQ(test, m.o.simple, 0U);
	KUNIT_EXPECT_EQ(test, m.o.ordered, 1U);
	model_done(test, &m, hoq);
	KUNIT_EXPECT_FALSE(test, m.started[s1]);
	model_done(test, &m, ord);
	KUNIT_EXPECT_TRUE(test, m.started[s1]);
}

static void scst_order_may_start_rules(struct kunit *test)
{
	struct scst_order o = {};

	KUNIT_EXPECT_TRUE(test, scst_order_may_start(&o, SCST_QUEUE_SIMPLE,
						     false));
	KUNIT_EXPECT_FALSE(test, scst_order_may_start(&o, SCST_QUEUE_SIMPLE,
						      true));
	KUNIT_EXPECT_TRUE(test, scst_order_may_start(&o, SCST_QUEUE_ORDERED,
						     false));
	KUNIT_EXPECT_FALSE(test, scst_order_may_start(&o, SCST_QUEUE_ORDERED,
						      true));
	KUNIT_EXPECT_TRUE(test,
			  scst_order_may_start(&o, SCST_QUEUE_HEAD_OF_QUEUE,
					       true));
	o.simple = 1;
	KUNIT_EXPECT_TRUE(test, scst_order_may_start(&o, SCST_QUEUE_SIMPLE,
						     false));
	KUNIT_EXPECT_FALSE(test, scst_order_may_start(&o, SCST_QUEUE_ORDERED,
						      false));
	o.simple = 0;
	o.ordered = 1;
	KUNIT_EXPECT_FALSE(test, scst_order_may_start(&o, SCST_QUEUE_SIMPLE,
						      false));
	KUNIT_EXPECT_FALSE(test, scst_order_may_start(&o, SCST_QUEUE_UNTAGGED,
						      false));
	KUNIT_EXPECT_TRUE(test,
			  scst_order_may_start(&o, SCST_QUEUE_HEAD_OF_QUEUE,
					       false));
}

static void scst_order_start_finish_counts(struct kunit *test)
{
	struct scst_order o = {};

	scst_order_start(&o, SCST_QUEUE_SIMPLE);
	scst_order_start(&o, SCST_QUEUE_UNTAGGED);
	scst_order_start(&o, SCST_QUEUE_HEAD_OF_QUEUE);
	KUNIT_EXPECT_EQ(test, o.simple, 2U);
	KUNIT_EXPECT_EQ(test, o.ordered, 0U);
	scst_order_finish(&o, SCST_QUEUE_SIMPLE);
	scst_order_finish(&o, SCST_QUEUE_HEAD_OF_QUEUE);
	KUNIT_EXPECT_EQ(test, o.simple, 1U);
	scst_order_start(&o, SCST_QUEUE_ORDERED);
	KUNIT_EXPECT_EQ(test, o.ordered, 1U);
	scst_order_finish(&o, SCST_QUEUE_ORDERED);
	scst_order_finish(&o, SCST_QUEUE_UNTAGGED);
	KUNIT_EXPECT_EQ(test, o.simple, 0U);
	KUNIT_EXPECT_EQ(test, o.ordered, 0U);
}

#define INI_MATCH(test, want, name, ...)				\
	do {								\
		static const char *const p[] = { __VA_ARGS__ };		\
									\
		KUNIT_EXPECT_EQ(test, scst_ini_match(p, ARRAY_SIZE(p),	\
						     name), want);	\
	} while (0)

static void scst_ini_match_exact(struct kunit *test)
{
	INI_MATCH(test, true, "iqn.2026-11.org.example:host1",
		  "iqn.2026-11.org.example:host1");
	INI_MATCH(test, false, "iqn.2026-11.org.example:host10",
		  "iqn.2026-11.org.example:host1");
	INI_MATCH(test, false, "Host1", "host1");
}

static void scst_ini_match_wildcards(struct kunit *test)
{
	INI_MATCH(test, true, "host-db-7", "host-db-*");
	INI_MATCH(test, true, "host-db-", "host-db-*");
	INI_MATCH(test, false, "host-web-7", "host-db-*");
	INI_MATCH(test, true, "host7", "host?");
	INI_MATCH(test, false, "host77", "host?");
	INI_MATCH(test, true, "anything", "*");
}

static void scst_ini_match_exclusion(struct kunit *test)
{
	INI_MATCH(test, false, "host-db-test", "host-db-*", "!host-db-test");
	INI_MATCH(test, true, "host-db-prod", "host-db-*", "!host-db-test");
	/* An exclusion wins wherever it stands in the list. */
	INI_MATCH(test, false, "host-db-test", "!host-db-test", "host-db-*");
	INI_MATCH(test, false, "host-db-t1", "*", "!host-db-t?");
}

static void scst_ini_match_no_include(struct kunit *test)
{
	/* Exclusions alone include nobody. */
	INI_MATCH(test, false, "host1", "!host2");
	KUNIT_EXPECT_FALSE(test, scst_ini_match(NULL, 0, "host1"));
}

static void scst_ini_match_several_includes(struct kunit *test)
{
	INI_MATCH(test, true, "b", "a", "b", "c");
	INI_MATCH(test, false, "d", "a", "b", "c");
}

static void scst_res_allowed_commands(struct kunit *test)
{
	static const u8 allowed[] = {
		INQUIRY, REQUEST_SENSE, REPORT_LUNS, LOG_SENSE, RELEASE,
		RELEASE_10,
	};
	static const u8 conflict[] = {
		TEST_UNIT_READY, READ_10, WRITE_10, READ_16, WRITE_16,
		MODE_SENSE, MODE_SELECT, RESERVE, RESERVE_10, READ_CAPACITY,
		SYNCHRONIZE_CACHE, START_STOP, VERIFY,
	};
	u8 cdb[16] = {};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(allowed); i++) {
		cdb[0] = allowed[i];
		KUNIT_EXPECT_TRUE_MSG(test, scst_res_allowed(cdb),
				      "opcode %#x", allowed[i]);
	}
	for (i = 0; i < ARRAY_SIZE(conflict); i++) {
		cdb[0] = conflict[i];
		KUNIT_EXPECT_FALSE_MSG(test, scst_res_allowed(cdb),
				       "opcode %#x", conflict[i]);
	}
}

static void scst_res_allowed_prevent(struct kunit *test)
{
	u8 cdb[6] = { ALLOW_MEDIUM_REMOVAL };

	KUNIT_EXPECT_TRUE(test, scst_res_allowed(cdb));
	cdb[4] = 0x01;
	KUNIT_EXPECT_FALSE(test, scst_res_allowed(cdb));
	cdb[4] = 0x02;
	KUNIT_EXPECT_FALSE(test, scst_res_allowed(cdb));
	cdb[4] = 0x04;	/* reserved bits do not prevent */
	KUNIT_EXPECT_TRUE(test, scst_res_allowed(cdb));
}

static void scst_sgv_layout(struct kunit *test)
{
	unsigned int cnt = 0;
	struct scatterlist *sg;

	sg = scst_sgv_get(PAGE_SIZE + 808, GFP_KERNEL, &cnt);
	KUNIT_ASSERT_NOT_NULL(test, sg);
	KUNIT_EXPECT_EQ(test, cnt, 2U);
	KUNIT_EXPECT_EQ(test, sg[0].length, (unsigned int)PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, sg[1].length, 808U);
	KUNIT_EXPECT_TRUE(test, sg_is_last(&sg[1]));
	KUNIT_EXPECT_EQ(test, sg_nents(sg), 2);
	scst_sgv_put(sg, cnt);

	/* Three pages come from the four page list: the end is at three. */
	sg = scst_sgv_get(3 * PAGE_SIZE, GFP_KERNEL, &cnt);
	KUNIT_ASSERT_NOT_NULL(test, sg);
	KUNIT_EXPECT_EQ(test, cnt, 3U);
	KUNIT_EXPECT_EQ(test, sg_nents(sg), 3);
	KUNIT_EXPECT_EQ(test, sg[2].length, (unsigned int)PAGE_SIZE);
	scst_sgv_put(sg, cnt);
}

static void scst_sgv_bad_sizes(struct kunit *test)
{
	unsigned int cnt = 7;

	KUNIT_EXPECT_NULL(test, scst_sgv_get(0, GFP_KERNEL, &cnt));
	KUNIT_EXPECT_NULL(test, scst_sgv_get(SCST_MAX_XFER_LEN + PAGE_SIZE *
					     (1U << (SCST_SGV_ORDERS - 1)),
					     GFP_KERNEL, &cnt));
	KUNIT_EXPECT_EQ(test, cnt, 7U);
}

static void scst_sgv_reuse_and_limit(struct kunit *test)
{
	struct scst_sgv_stats before, after;
	struct scatterlist *sg, *again;
	unsigned long limit;
	unsigned int cnt;

	scst_sgv_stats(&before);
	limit = before.limit_pages;
	scst_sgv_set_limit(0);
	scst_sgv_set_limit(16);
	scst_sgv_stats(&before);
	KUNIT_EXPECT_EQ(test, before.cached_pages, 0UL);

	/* A 2-page buffer is cached on put and served again on get. */
	sg = scst_sgv_get(2 * PAGE_SIZE, GFP_KERNEL, &cnt);
	KUNIT_ASSERT_NOT_NULL(test, sg);
	scst_sgv_put(sg, cnt);
	scst_sgv_stats(&after);
	KUNIT_EXPECT_EQ(test, after.cached_pages, 2UL);
	again = scst_sgv_get(2 * PAGE_SIZE - 100, GFP_KERNEL, &cnt);
	KUNIT_EXPECT_PTR_EQ(test, again, sg);
	KUNIT_EXPECT_EQ(test, cnt, 2U);
	KUNIT_EXPECT_EQ(test, again[1].length, (unsigned int)PAGE_SIZE - 100);
	scst_sgv_stats(&after);
	KUNIT_EXPECT_EQ(test, after.hits, before.hits + 1);
	KUNIT_EXPECT_EQ(test, after.misses, before.misses + 1);
	KUNIT_EXPECT_EQ(test, after.cached_pages, 0UL);

	/* Over the limit: a 32-page buffer is freed, not cached. */
	scst_sgv_put(again, cnt);
	sg = scst_sgv_get(32 * PAGE_SIZE, GFP_KERNEL, &cnt);
	KUNIT_ASSERT_NOT_NULL(test, sg);
	scst_sgv_put(sg, cnt);
	scst_sgv_stats(&after);
	KUNIT_EXPECT_EQ(test, after.cached_pages, 2UL);

	/* Lowering the limit frees what is above it. */
	scst_sgv_set_limit(1);
	scst_sgv_stats(&after);
	KUNIT_EXPECT_EQ(test, after.cached_pages, 0UL);
	KUNIT_EXPECT_EQ(test, after.limit_pages, 1UL);
	scst_sgv_set_limit(limit);
}

/*
 * The buffers commands hold at once are bounded: past the limit,
 * scst_sgv_get() fails (the command then ends with BUSY) and counts it;
 * a buffer given back makes room again.
 */
static void scst_sgv_inflight_limit(struct kunit *test)
{
	struct scst_sgv_stats before, after;
	struct scatterlist *a, *b, *c;
	unsigned int na, nb, nc;

	scst_sgv_stats(&before);
	scst_sgv_set_inflight_limit(before.inflight_pages + 4);
	a = scst_sgv_get(2 * PAGE_SIZE, GFP_KERNEL, &na);
	b = scst_sgv_get(2 * PAGE_SIZE, GFP_KERNEL, &nb);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_NULL(test, scst_sgv_get(1, GFP_KERNEL, &nc));
	scst_sgv_stats(&after);
	KUNIT_EXPECT_EQ(test, after.inflight_pages, before.inflight_pages + 4);
	KUNIT_EXPECT_EQ(test, after.refused, before.refused + 1);

	scst_sgv_put(a, na);
	c = scst_sgv_get(PAGE_SIZE, GFP_KERNEL, &nc);
	KUNIT_EXPECT_NOT_NULL(test, c);
	if (c)
		scst_sgv_put(c, nc);
	scst_sgv_put(b, nb);
	scst_sgv_stats(&after);
	KUNIT_EXPECT_EQ(test, after.inflight_pages, before.inflight_pages);
	scst_sgv_set_inflight_limit(before.inflight_limit_pages);
}

static struct kunit_case scst_core_test_cases[] = {
	KUNIT_CASE(scst_order_simple_concurrent),
	KUNIT_CASE(scst_order_ordered_waits_for_older),
	KUNIT_CASE(scst_order_simple_waits_for_ordered),
	KUNIT_CASE(scst_order_simple_behind_waiting_ordered),
	KUNIT_CASE(scst_order_two_ordered_serialise),
	KUNIT_CASE(scst_order_head_of_queue_overtakes),
	KUNIT_CASE(scst_order_may_start_rules),
	KUNIT_CASE(scst_order_start_finish_counts),
	KUNIT_CASE(scst_ini_match_exact),
	KUNIT_CASE(scst_ini_match_wildcards),
	KUNIT_CASE(scst_ini_match_exclusion),
	KUNIT_CASE(scst_ini_match_no_include),
	KUNIT_CASE(scst_ini_match_several_includes),
	KUNIT_CASE(scst_res_allowed_commands),
	KUNIT_CASE(scst_res_allowed_prevent),
	KUNIT_CASE(scst_sgv_layout),
	KUNIT_CASE(scst_sgv_bad_sizes),
	KUNIT_CASE(scst_sgv_reuse_and_limit),
	KUNIT_CASE(scst_sgv_inflight_limit),
	{}
};

static struct kunit_suite scst_core_test_suite = {
	.name = "scst_core",
	.test_cases = scst_core_test_cases,
};

kunit_test_suite(scst_core_test_suite);
