// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of forcing a session closed (a session's force_close
 * attribute): value parsing, drivers without close_session, the I_T nexus
 * loss it performs first and the commands that arrive meanwhile.
 *
 * The sessions here are made by hand, with a fake target driver, and are
 * never shown in configfs; the core itself is running (built in).
 */
#include <linux/percpu-refcount.h>
#include "scst_test.h"

/* What the fake target driver saw */
struct scst_sess_test_drv {
	unsigned int closes;		/* close_session() calls */
	int close_ret;			/* what close_session() returns */
	bool closing_seen;		/* sess->closing during the call */
	unsigned int xmits;		/* xmit_response() calls */
	unsigned int tmf_dones;		/* task_mgmt_fn_done() calls */
	bool last_aborted;		/* scst_cmd_aborted() of the last */
	u8 last_status;			/* status of the last */
};

static struct scst_sess_test_drv scst_sess_test_drv;

static int scst_sess_test_xmit(struct scst_cmd *cmd)
{
	scst_sess_test_drv.xmits++;
	scst_sess_test_drv.last_aborted = scst_cmd_aborted(cmd);
	scst_sess_test_drv.last_status = cmd->status;
	scst_tgt_cmd_done(cmd, SCST_CONTEXT_DIRECT);
	return 0;
}

static void scst_sess_test_tmf_done(struct scst_mgmt_cmd *mcmd)
{
	/* The core's own I_T nexus loss must not be reported. */
	scst_sess_test_drv.tmf_dones++;
}

static int scst_sess_test_close(struct scst_session *sess)
{
	scst_sess_test_drv.closes++;
	scst_sess_test_drv.closing_seen = READ_ONCE(sess->closing);
	return scst_sess_test_drv.close_ret;
}

static const struct scst_tgt_template scst_sess_test_tgtt = {
	.name			= "scst_sess_test",
	.xmit_response		= scst_sess_test_xmit,
	.task_mgmt_fn_done	= scst_sess_test_tmf_done,
	.close_session		= scst_sess_test_close,
};

static const struct scst_tgt_template scst_sess_test_tgtt_noclose = {
	.name			= "scst_sess_test_noclose",
	.xmit_response		= scst_sess_test_xmit,
	.task_mgmt_fn_done	= scst_sess_test_tmf_done,
};

static void scst_sess_test_release(struct percpu_ref *ref)
{
	struct scst_session *sess = container_of(ref, struct scst_session,
						 refs);

	complete(&sess->shutdown);
}

static void scst_sess_test_free(void *data)
{
	struct scst_session *sess = data;

	percpu_ref_kill(&sess->refs);
	wait_for_completion(&sess->shutdown);
	percpu_ref_exit(&sess->refs);
	xa_destroy(&sess->tgt_devs);
	mutex_destroy(&sess->tgt->lun_mutex);
}

/* A session of a target of @tgtt, without LUNs, not in configfs. */
static struct scst_session *
scst_sess_test_session(struct kunit *test,
		       const struct scst_tgt_template *tgtt)
{
	struct scst_session *sess;
	struct scst_tgt *tgt;

	memset(&scst_sess_test_drv, 0, sizeof(scst_sess_test_drv));
	tgt = kunit_kzalloc(test, sizeof(*tgt), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, tgt);
	sess = kunit_kzalloc(test, sizeof(*sess), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sess);

	tgt->tgtt = tgtt;
	/* sessions are registered only on enabled targets */
	tgt->enabled = true;
	strscpy(tgt->name, "tgt0", sizeof(tgt->name));
	mutex_init(&tgt->lun_mutex);
	spin_lock_init(&tgt->lock);
	INIT_LIST_HEAD(&tgt->sessions);

	sess->tgt = tgt;
	sess->initiator_name = kunit_kstrdup(test, "ini0", GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sess->initiator_name);
	spin_lock_init(&sess->lock);
	INIT_LIST_HEAD(&sess->cmds);
	xa_init(&sess->tgt_devs);
	init_completion(&sess->shutdown);
	/* Reinit allowed: scst_sess_test_dying_session() revives it. */
	KUNIT_ASSERT_EQ(test, percpu_ref_init(&sess->refs,
					      scst_sess_test_release,
					      PERCPU_REF_ALLOW_REINIT,
					      GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							scst_sess_test_free,
							sess), 0);
	return sess;
}

/* Send TEST UNIT READY to LUN 0 of @sess and process it to the end. */
static void scst_sess_test_tur(struct kunit *test, struct scst_session *sess)
{
	static const u8 lun[SCST_LUN_LEN];
	static const u8 tur[6];
	unsigned int xmits = scst_sess_test_drv.xmits;
	struct scst_cmd *cmd;

	cmd = scst_rx_cmd(sess, lun, sizeof(lun), tur, sizeof(tur),
			  GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cmd);
	scst_cmd_init_done(cmd, SCST_CONTEXT_DIRECT);
	/* Without a device, the core answers it inline. */
	KUNIT_ASSERT_EQ(test, scst_sess_test_drv.xmits, xmits + 1);
}

static void scst_sess_test_trigger_parse(struct kunit *test)
{
	static const char * const bad[] = {
		"0", "0\n", "", "\n", "2", "11", "01", " 1", "1 ", "1\n\n",
		"y", "yes", "true", "-1", "0x1", "close",
	};
	unsigned int i;

	KUNIT_EXPECT_EQ(test, scst_parse_trigger("1", 1), 0);
	KUNIT_EXPECT_EQ(test, scst_parse_trigger("1\n", 2), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, scst_parse_trigger(bad[i],
							     strlen(bad[i])),
				    -EINVAL, "\"%s\"", bad[i]);
	/* Only @count bytes are looked at */
	KUNIT_EXPECT_EQ(test, scst_parse_trigger("1junk", 1), 0);
}

static void scst_sess_test_no_close_session(struct kunit *test)
{
	struct scst_session *sess;

	sess = scst_sess_test_session(test, &scst_sess_test_tgtt_noclose);
	KUNIT_EXPECT_EQ(test, scst_sess_force_close(sess), -EOPNOTSUPP);
	/* Nothing changed: commands still run. */
	KUNIT_EXPECT_FALSE(test, sess->closing);
	scst_sess_test_tur(test, sess);
	KUNIT_EXPECT_FALSE(test, scst_sess_test_drv.last_aborted);
	KUNIT_EXPECT_EQ(test, scst_sess_test_drv.last_status,
			SAM_STAT_CHECK_CONDITION);	/* no LUN 0 */
	KUNIT_EXPECT_EQ(test, atomic64_read(&sess->nr_cmds), 1);
}

static void scst_sess_test_close_and_reopen(struct kunit *test)
{
	struct scst_session *sess;

	sess = scst_sess_test_session(test, &scst_sess_test_tgtt);
	KUNIT_EXPECT_EQ(test, scst_sess_force_close(sess), 0);
	KUNIT_EXPECT_EQ(test, scst_sess_test_drv.closes, 1);
	KUNIT_EXPECT_TRUE(test, scst_sess_test_drv.closing_seen);
	KUNIT_EXPECT_TRUE(test, sess->closing);

	/* A second request while the first is in progress */
	KUNIT_EXPECT_EQ(test, scst_sess_force_close(sess), -EBUSY);
	KUNIT_EXPECT_EQ(test, scst_sess_test_drv.closes, 1);

	/* Commands of the lost nexus are aborted on arrival... */
	scst_sess_test_tur(test, sess);
	KUNIT_EXPECT_TRUE(test, scst_sess_test_drv.last_aborted);

	/* ...until the driver has a new nexus. */
	scst_sess_reopen(sess);
	KUNIT_EXPECT_FALSE(test, sess->closing);
	scst_sess_test_tur(test, sess);
	KUNIT_EXPECT_FALSE(test, scst_sess_test_drv.last_aborted);
	KUNIT_EXPECT_EQ(test, scst_sess_test_drv.last_status,
			SAM_STAT_CHECK_CONDITION);

	/* The counters count on across the close. */
	KUNIT_EXPECT_EQ(test, atomic64_read(&sess->nr_cmds), 2);

	/* And it can be closed again. */
	KUNIT_EXPECT_EQ(test, scst_sess_force_close(sess), 0);
	KUNIT_EXPECT_EQ(test, scst_sess_test_drv.closes, 2);
	scst_sess_reopen(sess);
	KUNIT_EXPECT_EQ(test, scst_sess_test_drv.tmf_dones, 0);
}

static void scst_sess_test_close_fails(struct kunit *test)
{
	struct scst_session *sess;

	sess = scst_sess_test_session(test, &scst_sess_test_tgtt);
	scst_sess_test_drv.close_ret = -EIO;
	KUNIT_EXPECT_EQ(test, scst_sess_force_close(sess), -EIO);
	KUNIT_EXPECT_EQ(test, scst_sess_test_drv.closes, 1);
	/* The session goes on, as after an I_T NEXUS RESET. */
	KUNIT_EXPECT_FALSE(test, sess->closing);
	scst_sess_test_tur(test, sess);
	KUNIT_EXPECT_FALSE(test, scst_sess_test_drv.last_aborted);
}

static void scst_sess_test_dying_session(struct kunit *test)
{
	struct scst_session *sess;

	sess = scst_sess_test_session(test, &scst_sess_test_tgtt);
	/* As scst_unregister_session() does first */
	percpu_ref_kill(&sess->refs);
	KUNIT_EXPECT_EQ(test, scst_sess_force_close(sess), -ENODEV);
	KUNIT_EXPECT_EQ(test, scst_sess_test_drv.closes, 0);
	KUNIT_EXPECT_FALSE(test, sess->closing);
	/* Back to life, for the cleanup to kill it again */
	wait_for_completion(&sess->shutdown);
	reinit_completion(&sess->shutdown);
	percpu_ref_resurrect(&sess->refs);
}

/*
 * A disabled target port serves nothing: a command on a session of it is
 * aborted, as after a nexus loss, and served again once it is enabled.
 */
static void scst_sess_test_disabled_target(struct kunit *test)
{
	struct scst_session *sess;

	sess = scst_sess_test_session(test, &scst_sess_test_tgtt);
	WRITE_ONCE(sess->tgt->enabled, false);
	scst_sess_test_tur(test, sess);
	KUNIT_EXPECT_TRUE(test, scst_sess_test_drv.last_aborted);
	WRITE_ONCE(sess->tgt->enabled, true);
	scst_sess_test_tur(test, sess);
	KUNIT_EXPECT_FALSE(test, scst_sess_test_drv.last_aborted);
	/* answered: LOGICAL UNIT NOT SUPPORTED, the session has no LUN */
	KUNIT_EXPECT_EQ(test, scst_sess_test_drv.last_status,
			SAM_STAT_CHECK_CONDITION);
}

static struct kunit_case scst_sess_test_cases[] = {
	KUNIT_CASE(scst_sess_test_trigger_parse),
	KUNIT_CASE(scst_sess_test_no_close_session),
	KUNIT_CASE(scst_sess_test_close_and_reopen),
	KUNIT_CASE(scst_sess_test_close_fails),
	KUNIT_CASE(scst_sess_test_dying_session),
	KUNIT_CASE(scst_sess_test_disabled_target),
	{}
};

static struct kunit_suite scst_sess_test_suite = {
	.name = "scst_sess",
	.test_cases = scst_sess_test_cases,
};

kunit_test_suite(scst_sess_test_suite);
