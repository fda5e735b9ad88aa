// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the command state machine, driven through the public
 * interface by a fake target driver and a fake dev handler.
 *
 * Each test registers a dev handler and a target driver, a target with
 * two sessions (I_T nexuses) and one device exported as LUN 0, and sends
 * commands and task management functions the way a transport would:
 * scst_rx_cmd(), scst_cmd_init_done(), scst_rx_mgmt_fn(). The core then
 * calls the fakes, which answer each call
 *
 *  - at once, from within the callback (FAKE_INLINE),
 *  - when the test says so (FAKE_LATER), so the command waits in
 *    DATA_WAIT, EXEC_WAIT or XMIT_WAIT for as long as the test likes,
 *  - from a work item, i.e. from another thread (FAKE_THREAD),
 *  - or, for the handler, after working in chunks until the command is
 *    aborted (FAKE_POLL), as a handler executing a long VERIFY does;
 *
 * chosen per command. The fakes record what they saw (state, status,
 * sense, scst_cmd_aborted(), the order of the calls), and the tests
 * check it against SAM-5: an aborted command gets no response (or TASK
 * ABORTED with TAS), is not executed if the abort came first, and a
 * task management function completes exactly once, after the last
 * command it aborted has been freed.
 *
 * No state is set by hand. Without configfs, no public call makes a
 * device, maps a LUN or enables a target, so the setup uses the core's
 * narrowest helpers for those, the ones configfs calls:
 * scst_alloc_device(), scst_dev_enable(), scst_lun_map() and the write
 * of tgt->enabled that the target's enable attribute does. The tests
 * wait for the core's own thread work with flush_workqueue(scst_wq)
 * and for everything else with completions, each with a bound.
 */
#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/workqueue.h>

#include "scst_test.h"

#define FAKE_LUN		0
#define FAKE_LBA		8
#define FAKE_XFER		512	/* one block of the device */
#define FAKE_BLOCKS		2048
#define FAKE_MAX_RECS		16
#define FAKE_MAX_TMFS		4
#define FAKE_TIMEOUT_MS		20000	/* bound of every wait */
#define FAKE_TIMEOUT		msecs_to_jiffies(FAKE_TIMEOUT_MS)
#define FAKE_CHUNK_MS		10	/* a polling handler's unit of work */
#define FAKE_WAIT_MS		100	/* wait_timeout_ms for the removals */

/* How the fake driver or handler answers a call */
enum fake_mode {
	FAKE_INLINE,
	FAKE_LATER,
	FAKE_THREAD,
	FAKE_POLL,
};

/* Who holds a command the test has to let go */
enum fake_held {
	FAKE_HELD_NONE,
	FAKE_HELD_DATA,		/* rdy_to_xfer() not answered */
	FAKE_HELD_EXEC,		/* exec() not answered */
	FAKE_HELD_XMIT,		/* xmit_response() not answered */
};

struct fake;

/*
 * One command as the fake driver and the fake handler saw it. Both find
 * it through cmd->tgt_priv; it outlives the command.
 */
struct fake_rec {
	struct fake *f;
	struct scst_cmd *cmd;		/* until on_free_cmd() */
	u64 tag;
	enum fake_mode rdy_mode, exec_mode, xmit_mode;
	enum scst_context ctx;		/* of the test's last call */
	atomic_t held;			/* enum fake_held */

	unsigned int rdys, execs, xmits, frees;
	enum scst_cmd_state rdy_state, exec_state, xmit_state, free_state;
	int rdy_seq, exec_seq, xmit_seq, free_seq;
	bool exec_in_worker;
	bool poll_saw_abort;
	bool xmit_aborted;
	bool xmit_abort_requested;
	u8 status;
	u8 sense[SCST_SENSE_BUFFERSIZE];
	u8 sense_len;
	s64 resid;
	bool data_ok;
	u8 buf[FAKE_XFER];

	struct completion rdy_called, exec_called, xmit_called, freed;
	struct completion abort_seen;
	struct work_struct rdy_work, exec_work, xmit_work, poll_work;
};

/* One task management function */
struct fake_tmf {
	struct fake *f;
	unsigned int dones;
	enum scst_tmf_status status;
	int seq;
	struct completion done;
};

struct fake_sess {
	struct scst_session *sess;
	bool gone;			/* unregistered by the test */
};

/* A thread removing a session or the LUN */
struct fake_remover {
	struct fake *f;
	int s;
	struct completion done;
};

struct fake {
	struct kunit *test;
	struct scst_tgt_template tgtt;
	struct scst_dev_type dt;
	struct scst_tgt *tgt;
	struct scst_device *dev;
	struct scst_lun *lun;
	struct fake_sess sess[2];
	struct workqueue_struct *wq;
	bool stopping;
	atomic_t seq;
	unsigned int nr_recs, nr_tmfs;
	struct fake_rec recs[FAKE_MAX_RECS];
	struct fake_tmf tmfs[FAKE_MAX_TMFS];
	struct fake_remover remover;
	unsigned int saved_wait_ms;
	unsigned int detaches, dev_frees;
	struct completion dev_freed;
};

static int fake_seq(struct fake *f)
{
	return atomic_inc_return(&f->seq);
}

/* What an answer given right now may let the core do */
static enum scst_context fake_ctx(const struct fake_rec *rec)
{
	if (current->flags & PF_WQ_WORKER)
		return SCST_CONTEXT_DIRECT;
	return READ_ONCE(rec->ctx);
}

static void fake_pattern(const struct fake_rec *rec, u8 *buf)
{
	unsigned int i;

	for (i = 0; i < FAKE_XFER; i++)
		buf[i] = (u8)(rec->tag + i * 13);
}

static bool fake_pattern_ok(const struct fake_rec *rec, const u8 *buf)
{
	unsigned int i;

	for (i = 0; i < FAKE_XFER; i++)
		if (buf[i] != (u8)(rec->tag + i * 13))
			return false;
	return true;
}

/* Let the core continue a command held by @held */
static void fake_done(struct fake_rec *rec, enum fake_held held,
		      enum scst_context ctx)
{
	struct scst_cmd *cmd = rec->cmd;

	switch (held) {
	case FAKE_HELD_DATA:
		scst_rx_data(cmd, 0, ctx);
		break;
	case FAKE_HELD_EXEC:
		scst_cmd_exec_done(cmd, ctx);
		break;
	case FAKE_HELD_XMIT:
		scst_tgt_cmd_done(cmd, ctx);
		break;
	case FAKE_HELD_NONE:
		break;
	}
}

/* Answer a call now, leave it to the test or to a work item */
static void fake_answer(struct fake_rec *rec, enum fake_mode mode,
			enum fake_held held, struct work_struct *work,
			struct completion *called)
{
	switch (mode) {
	case FAKE_INLINE:
		complete_all(called);
		fake_done(rec, held, fake_ctx(rec));
		break;
	case FAKE_LATER:
		atomic_set(&rec->held, held);
		complete_all(called);
		break;
	case FAKE_THREAD:
		complete_all(called);
		queue_work(rec->f->wq, work);
		break;
	case FAKE_POLL:
		complete_all(called);
		queue_work(rec->f->wq, &rec->poll_work);
		break;
	}
}

static void fake_rdy_work(struct work_struct *work)
{
	fake_done(container_of(work, struct fake_rec, rdy_work),
		  FAKE_HELD_DATA, SCST_CONTEXT_DIRECT);
}

static void fake_exec_work(struct work_struct *work)
{
	fake_done(container_of(work, struct fake_rec, exec_work),
		  FAKE_HELD_EXEC, SCST_CONTEXT_DIRECT);
}

static void fake_xmit_work(struct work_struct *work)
{
	fake_done(container_of(work, struct fake_rec, xmit_work),
		  FAKE_HELD_XMIT, SCST_CONTEXT_DIRECT);
}

/*
 * A handler working on a long command checks for an abort between
 * chunks of work. It then leaves the command to the test.
 */
static void fake_poll_work(struct work_struct *work)
{
	struct fake_rec *rec = container_of(work, struct fake_rec, poll_work);
	unsigned long end = jiffies + FAKE_TIMEOUT;

	while (!scst_cmd_abort_requested(rec->cmd) &&
	       !READ_ONCE(rec->f->stopping) && time_before(jiffies, end))
		msleep(FAKE_CHUNK_MS);
	rec->poll_saw_abort = scst_cmd_abort_requested(rec->cmd);
	atomic_set(&rec->held, FAKE_HELD_EXEC);
	complete_all(&rec->abort_seen);
}

/* The fake target driver */

static int fake_rdy_to_xfer(struct scst_cmd *cmd)
{
	struct fake_rec *rec = scst_cmd_get_tgt_priv(cmd);

	rec->rdys++;
	rec->rdy_state = cmd->state;
	rec->rdy_seq = fake_seq(rec->f);
	/* The write data arrives from the initiator */
	fake_pattern(rec, rec->buf);
	sg_copy_from_buffer(cmd->sg, cmd->sg_cnt, rec->buf,
			    min_t(u32, cmd->buf_len, FAKE_XFER));
	fake_answer(rec, rec->rdy_mode, FAKE_HELD_DATA, &rec->rdy_work,
		    &rec->rdy_called);
	return 0;
}

static int fake_xmit_response(struct scst_cmd *cmd)
{
	struct fake_rec *rec = scst_cmd_get_tgt_priv(cmd);
	size_t n;

	rec->xmits++;
	rec->xmit_state = cmd->state;
	rec->xmit_seq = fake_seq(rec->f);
	rec->xmit_aborted = scst_cmd_aborted(cmd);
	rec->xmit_abort_requested = scst_cmd_abort_requested(cmd);
	rec->status = cmd->status;
	rec->sense_len = min_t(u8, cmd->sense_len, sizeof(rec->sense));
	memcpy(rec->sense, cmd->sense, rec->sense_len);
	rec->resid = cmd->resid;
	if (cmd->data_direction == SCST_DATA_READ && !rec->xmit_aborted &&
	    cmd->status == SAM_STAT_GOOD) {
		memset(rec->buf, 0, sizeof(rec->buf));
		n = sg_copy_to_buffer(cmd->sg, cmd->sg_cnt, rec->buf,
				      FAKE_XFER);
		rec->data_ok = n == FAKE_XFER && cmd->data_len == FAKE_XFER &&
			fake_pattern_ok(rec, rec->buf);
	}
	fake_answer(rec, rec->xmit_mode, FAKE_HELD_XMIT, &rec->xmit_work,
		    &rec->xmit_called);
	return 0;
}

static void fake_on_free_cmd(struct scst_cmd *cmd)
{
	struct fake_rec *rec = scst_cmd_get_tgt_priv(cmd);

	rec->frees++;
	rec->free_state = cmd->state;
	rec->free_seq = fake_seq(rec->f);
	WRITE_ONCE(rec->cmd, NULL);
	complete_all(&rec->freed);
}

static void fake_task_mgmt_fn_done(struct scst_mgmt_cmd *mcmd)
{
	struct fake_tmf *tmf = mcmd->tgt_priv;

	tmf->dones++;
	tmf->status = scst_mgmt_cmd_status(mcmd);
	tmf->seq = fake_seq(tmf->f);
	complete_all(&tmf->done);
}

/* The fake dev handler */

static int fake_attach(struct scst_device *dev)
{
	dev->nr_blocks = FAKE_BLOCKS;
	return 0;
}

static void fake_detach(struct scst_device *dev)
{
	struct fake *f = dev->dh_priv;

	f->detaches++;
}

static void fake_free_device(struct scst_device *dev)
{
	struct fake *f = dev->dh_priv;

	f->dev_frees++;
	complete_all(&f->dev_freed);
}

static enum scst_exec_result fake_exec(struct scst_cmd *cmd)
{
	struct fake_rec *rec = scst_cmd_get_tgt_priv(cmd);

	/* The core answers the others (TEST UNIT READY) */
	if (cmd->cdb[0] != READ_10 && cmd->cdb[0] != WRITE_10)
		return SCST_EXEC_NOT_HANDLED;

	rec->execs++;
	rec->exec_state = cmd->state;
	rec->exec_seq = fake_seq(rec->f);
	rec->exec_in_worker = current->flags & PF_WQ_WORKER;
	if (cmd->data_direction == SCST_DATA_WRITE) {
		memset(rec->buf, 0, sizeof(rec->buf));
		rec->data_ok = scst_cmd_copy_to_buf(cmd, rec->buf,
						    FAKE_XFER) == FAKE_XFER &&
			fake_pattern_ok(rec, rec->buf);
	} else {
		fake_pattern(rec, rec->buf);
		scst_cmd_copy_from_buf(cmd, rec->buf, FAKE_XFER);
	}
	fake_answer(rec, rec->exec_mode, FAKE_HELD_EXEC, &rec->exec_work,
		    &rec->exec_called);
	return SCST_EXEC_COMPLETED;
}

/* Setup and cleanup */

KUNIT_DEFINE_ACTION_WRAPPER(fake_destroy_wq, destroy_workqueue,
			    struct workqueue_struct *);
KUNIT_DEFINE_ACTION_WRAPPER(fake_unregister_dev_type, scst_unregister_dev_type,
			    const struct scst_dev_type *);
KUNIT_DEFINE_ACTION_WRAPPER(fake_unregister_tgtt,
			    scst_unregister_target_template,
			    const struct scst_tgt_template *);
KUNIT_DEFINE_ACTION_WRAPPER(fake_unregister_target, scst_unregister_target,
			    struct scst_tgt *);

static void fake_free_dev(void *data)
{
	struct scst_device *dev = data;

	scst_dev_enable(dev, false);
	scst_free_device(dev);
}

static void fake_free_lun(void *data)
{
	struct scst_lun *lun = data;
	struct scst_tgt *tgt = lun->tgt;

	scst_lun_unmap(lun);
	mutex_lock(&tgt->lun_mutex);
	xa_erase(&lun->acg->luns, lun->lun);
	mutex_unlock(&tgt->lun_mutex);
	kfree(lun);
}

static void fake_unregister_sess(void *data)
{
	struct fake_sess *fs = data;

	if (!fs->gone)
		scst_unregister_session(fs->sess);
}

static enum fake_held fake_release(struct fake_rec *rec)
{
	enum fake_held held = atomic_xchg(&rec->held, FAKE_HELD_NONE);

	WRITE_ONCE(rec->ctx, SCST_CONTEXT_DIRECT);
	fake_done(rec, held, SCST_CONTEXT_DIRECT);
	return held;
}

/*
 * Let go of every command a fake still holds, also those a failed test
 * left behind, so that the sessions can be unregistered.
 */
static void fake_release_all(struct fake *f)
{
	unsigned int i, round;
	bool any;

	WRITE_ONCE(f->stopping, true);
	for (round = 0; round < 8; round++) {
		flush_workqueue(f->wq);
		flush_workqueue(scst_wq);
		any = false;
		for (i = 0; i < f->nr_recs; i++)
			if (fake_release(&f->recs[i]) != FAKE_HELD_NONE)
				any = true;
		if (!any)
			return;
	}
}

static void fake_release_all_action(void *data)
{
	fake_release_all(data);
}

static void fake_wait(struct kunit *test, struct completion *c,
		      const char *what)
{
	KUNIT_ASSERT_TRUE_MSG(test, wait_for_completion_timeout(c, FAKE_TIMEOUT),
			      "no %s within %u ms", what, FAKE_TIMEOUT_MS);
}

static struct fake_rec *fake_rec_new(struct fake *f, enum fake_mode rdy,
				     enum fake_mode exec, enum fake_mode xmit)
{
	struct fake_rec *rec;

	KUNIT_ASSERT_LT(f->test, f->nr_recs, FAKE_MAX_RECS);
	rec = &f->recs[f->nr_recs];
	rec->f = f;
	rec->tag = 0x100 + f->nr_recs;
	rec->rdy_mode = rdy;
	rec->exec_mode = exec;
	rec->xmit_mode = xmit;
	atomic_set(&rec->held, FAKE_HELD_NONE);
	init_completion(&rec->rdy_called);
	init_completion(&rec->exec_called);
	init_completion(&rec->xmit_called);
	init_completion(&rec->freed);
	init_completion(&rec->abort_seen);
	INIT_WORK(&rec->rdy_work, fake_rdy_work);
	INIT_WORK(&rec->exec_work, fake_exec_work);
	INIT_WORK(&rec->xmit_work, fake_xmit_work);
	INIT_WORK(&rec->poll_work, fake_poll_work);
	f->nr_recs++;
	return rec;
}

/*
 * Send READ(10) or WRITE(10) of one block, or TEST UNIT READY, to LUN 0
 * on session @s, as a transport does; with @atomic from a context that
 * may not sleep (bottom halves off, as in a softirq).
 */
static void fake_submit(struct fake_rec *rec, int s, u8 op,
			enum scst_queue_type qt, bool atomic)
{
	struct kunit *test = rec->f->test;
	enum scst_data_direction dir = SCST_DATA_NONE;
	u8 lun[SCST_LUN_LEN], cdb[10] = { op };
	unsigned int cdb_len = 6;
	struct scst_cmd *cmd;
	u32 len = 0;

	if (op == READ_10 || op == WRITE_10) {
		put_unaligned_be32(FAKE_LBA, &cdb[2]);
		put_unaligned_be16(1, &cdb[7]);
		cdb_len = 10;
		len = FAKE_XFER;
		dir = op == READ_10 ? SCST_DATA_READ : SCST_DATA_WRITE;
	}
	scst_pack_lun(FAKE_LUN, lun);
	cmd = scst_rx_cmd(rec->f->sess[s].sess, lun, sizeof(lun), cdb, cdb_len,
			  GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cmd);
	KUNIT_EXPECT_EQ(test, cmd->state, SCST_CMD_STATE_INIT);
	cmd->tag = rec->tag;
	cmd->queue_type = qt;
	cmd->tgt_priv = rec;
	rec->cmd = cmd;
	scst_cmd_set_expected(cmd, dir, len);
	if (atomic) {
		rec->ctx = SCST_CONTEXT_DIRECT_ATOMIC;
		local_bh_disable();
		scst_cmd_init_done(cmd, SCST_CONTEXT_DIRECT_ATOMIC);
		local_bh_enable();
	} else {
		rec->ctx = SCST_CONTEXT_DIRECT;
		scst_cmd_init_done(cmd, SCST_CONTEXT_DIRECT);
	}
}

/* TEST UNIT READY on session @s, answered inline; returns its record */
static struct fake_rec *fake_tur(struct fake *f, int s)
{
	struct fake_rec *rec = fake_rec_new(f, FAKE_INLINE, FAKE_INLINE,
					    FAKE_INLINE);

	fake_submit(rec, s, TEST_UNIT_READY, SCST_QUEUE_SIMPLE, false);
	fake_wait(f->test, &rec->freed, "TEST UNIT READY freed");
	return rec;
}

/* Commands on session @s's list */
static unsigned int fake_nr_cmds(struct fake *f, int s)
{
	struct scst_session *sess = f->sess[s].sess;
	struct scst_cmd *cmd;
	unsigned int n = 0;

	spin_lock_irq(&sess->lock);
	list_for_each_entry(cmd, &sess->cmds, sess_node)
		n++;
	spin_unlock_irq(&sess->lock);
	return n;
}

static void fake_expect_sense(struct kunit *test, const struct fake_rec *rec,
			      u8 key, u16 code)
{
	u8 k = 0xff, a = 0xff, q = 0xff;

	KUNIT_EXPECT_EQ(test, rec->xmits, 1U);
	KUNIT_EXPECT_FALSE(test, rec->xmit_aborted);
	KUNIT_EXPECT_EQ(test, rec->status, SAM_STAT_CHECK_CONDITION);
	KUNIT_EXPECT_TRUE(test, scst_sense_parse(rec->sense, rec->sense_len,
						 &k, &a, &q));
	KUNIT_EXPECT_EQ(test, k, key);
	KUNIT_EXPECT_EQ(test, a, SCST_ASC(code));
	KUNIT_EXPECT_EQ(test, q, SCST_ASCQ(code));
}

/* One response, GOOD status, no sense, the data in full */
static void fake_expect_good(struct kunit *test, const struct fake_rec *rec)
{
	KUNIT_EXPECT_EQ(test, rec->xmits, 1U);
	KUNIT_EXPECT_FALSE(test, rec->xmit_aborted);
	KUNIT_EXPECT_FALSE(test, rec->xmit_abort_requested);
	KUNIT_EXPECT_EQ(test, rec->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_EQ(test, rec->sense_len, 0);
	KUNIT_EXPECT_EQ(test, rec->resid, 0);
	KUNIT_EXPECT_EQ(test, rec->frees, 1U);
}

/* xmit_response() was called once, to send nothing */
static void fake_expect_no_response(struct kunit *test,
				    const struct fake_rec *rec)
{
	KUNIT_EXPECT_EQ(test, rec->xmits, 1U);
	KUNIT_EXPECT_EQ(test, rec->xmit_state, SCST_CMD_STATE_XMIT_WAIT);
	KUNIT_EXPECT_TRUE(test, rec->xmit_aborted);
	KUNIT_EXPECT_TRUE(test, rec->xmit_abort_requested);
	KUNIT_EXPECT_EQ(test, rec->frees, 1U);
	KUNIT_EXPECT_EQ(test, rec->free_state, SCST_CMD_STATE_FINISHED);
}

static void fake_expect_good_tur(struct kunit *test, struct fake *f, int s)
{
	struct fake_rec *rec = fake_tur(f, s);

	fake_expect_good(test, rec);
}

/*
 * The fixture: handler, driver, target, device as LUN 0, two sessions
 * whose power on unit attention has been reported.
 */
static struct fake *fake_setup(struct kunit *test, bool tas, bool may_sleep)
{
	static const char *const names[] = { "ini0", "ini1" };
	struct scst_session *sess;
	struct scst_device *dev;
	struct scst_tgt *tgt;
	struct scst_lun *lun;
	struct fake_rec *rec;
	struct fake *f;
	int i;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	f->test = test;
	atomic_set(&f->seq, 0);
	init_completion(&f->dev_freed);

	f->wq = alloc_workqueue("scst_fake", WQ_UNBOUND, 0);
	KUNIT_ASSERT_NOT_NULL(test, f->wq);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fake_destroy_wq,
							f->wq), 0);

	f->dt.name = "scst_fake";
	f->dt.type = TYPE_DISK;
	f->dt.exec_may_sleep = may_sleep;
	f->dt.attach = fake_attach;
	f->dt.detach = fake_detach;
	f->dt.free_device = fake_free_device;
	f->dt.exec = fake_exec;
	KUNIT_ASSERT_EQ(test, scst_register_dev_type(&f->dt), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							fake_unregister_dev_type,
							&f->dt), 0);

	f->tgtt.name = "scst_fake";
	f->tgtt.xmit_response = fake_xmit_response;
	f->tgtt.rdy_to_xfer = fake_rdy_to_xfer;
	f->tgtt.on_free_cmd = fake_on_free_cmd;
	f->tgtt.task_mgmt_fn_done = fake_task_mgmt_fn_done;
	KUNIT_ASSERT_EQ(test, scst_register_target_template(&f->tgtt), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							fake_unregister_tgtt,
							&f->tgtt), 0);

	tgt = scst_register_target(&f->tgtt, "scst_fake_tgt");
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(tgt));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							fake_unregister_target,
							tgt), 0);
	tgt->tgt_priv = f;
	f->tgt = tgt;
	/* What writing 1 to the target's enable attribute does */
	mutex_lock(&tgt->lun_mutex);
	WRITE_ONCE(tgt->enabled, true);
	mutex_unlock(&tgt->lun_mutex);

	/* What mkdir handlers/scst_fake/scst_fake_dev does */
	mutex_lock(&scst_mutex);
	dev = scst_alloc_device(&f->dt, "scst_fake_dev");
	mutex_unlock(&scst_mutex);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(dev));
	dev->dh_priv = f;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fake_free_dev,
							dev), 0);
	dev->tas = tas;		/* as the handler's control mode page says */
	f->dev = dev;
	KUNIT_ASSERT_EQ(test, scst_dev_enable(dev, true), 0);
	KUNIT_ASSERT_EQ(test, dev->nr_blocks, FAKE_BLOCKS);

	/* What mkdir luns/0 and a link to the device do */
	lun = kzalloc(sizeof(*lun), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, lun);
	lun->tgt = tgt;
	lun->acg = tgt->default_acg;
	lun->lun = FAKE_LUN;
	mutex_lock(&tgt->lun_mutex);
	i = xa_insert(&lun->acg->luns, lun->lun, lun, GFP_KERNEL);
	mutex_unlock(&tgt->lun_mutex);
	if (i)
		kfree(lun);
	KUNIT_ASSERT_EQ(test, i, 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fake_free_lun,
							lun), 0);
	f->lun = lun;
	KUNIT_ASSERT_EQ(test, scst_lun_map(lun, dev), 0);

	for (i = 0; i < 2; i++) {
		sess = scst_register_session(tgt, names[i], &f->sess[i]);
		KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(sess));
		f->sess[i].sess = sess;
		KUNIT_ASSERT_EQ(test,
				kunit_add_action_or_reset(test,
							  fake_unregister_sess,
							  &f->sess[i]), 0);
		KUNIT_ASSERT_TRUE(test, scst_sess_lun_exists(sess, FAKE_LUN));
	}
	/* Runs first: let go of what the test left behind */
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							fake_release_all_action,
							f), 0);

	/* SAM-5 6.3.1: each new I_T_L nexus starts with POWER ON OCCURRED */
	for (i = 0; i < 2; i++) {
		rec = fake_tur(f, i);
		fake_expect_sense(test, rec, UNIT_ATTENTION,
				  SCST_ASC_POWER_ON_RESET);
		KUNIT_EXPECT_EQ(test, rec->rdys, 0U);
		KUNIT_EXPECT_EQ(test, rec->execs, 0U);
		KUNIT_EXPECT_EQ(test, rec->frees, 1U);
	}
	return f;
}

/*
 * Send a task management function on session @s, and wait until the
 * core's thread has run it: it has then marked the commands it affects,
 * or completed if there were none.
 */
static struct fake_tmf *fake_tmf(struct fake *f, int s, enum scst_tmf fn,
				 u64 tag)
{
	struct kunit *test = f->test;
	struct fake_tmf *tmf;

	KUNIT_ASSERT_LT(test, f->nr_tmfs, FAKE_MAX_TMFS);
	tmf = &f->tmfs[f->nr_tmfs++];
	tmf->f = f;
	init_completion(&tmf->done);
	KUNIT_ASSERT_EQ(test, scst_rx_mgmt_fn(f->sess[s].sess, fn, FAKE_LUN,
					      tag, tmf), 0);
	flush_workqueue(scst_wq);
	return tmf;
}

/*
 * @tmf found @rec's command, the first function to do so, and waits for
 * it: one pending count, and nothing reported yet.
 */
static void fake_expect_tmf_waits(struct kunit *test, struct fake_tmf *tmf,
				  struct fake_rec *rec)
{
	struct scst_mgmt_cmd *mcmd;

	KUNIT_EXPECT_EQ(test, tmf->dones, 0U);
	KUNIT_EXPECT_FALSE(test, completion_done(&tmf->done));
	KUNIT_ASSERT_NOT_NULL(test, rec->cmd);
	KUNIT_EXPECT_TRUE(test, scst_cmd_abort_requested(rec->cmd));
	mcmd = rec->cmd->mcmd;
	KUNIT_ASSERT_NOT_NULL(test, mcmd);
	KUNIT_EXPECT_PTR_EQ(test, mcmd->tgt_priv, (void *)tmf);
	KUNIT_EXPECT_EQ(test, atomic_read(&mcmd->pending), 1);
	KUNIT_EXPECT_EQ(test, rec->frees, 0U);
}

/* @tmf was reported once, with @status, after @rec's command was freed */
static void fake_expect_tmf_done(struct kunit *test, struct fake_tmf *tmf,
				 const struct fake_rec *rec,
				 enum scst_tmf_status status)
{
	fake_wait(test, &tmf->done, "task_mgmt_fn_done");
	/* and never again */
	flush_workqueue(scst_wq);
	flush_workqueue(tmf->f->wq);
	KUNIT_EXPECT_EQ(test, tmf->dones, 1U);
	KUNIT_EXPECT_EQ(test, tmf->status, status);
	KUNIT_EXPECT_EQ(test, rec->frees, 1U);
	KUNIT_EXPECT_GT(test, tmf->seq, rec->free_seq);
}

/* 1. A command through every state, answered in every way */

struct fake_flow {
	const char *desc;
	u8 op;
	enum fake_mode rdy, exec, xmit;
	bool may_sleep;
	bool atomic;
	bool exec_in_worker;
};

static const struct fake_flow fake_flows[] = {
	{ "read inline", READ_10, FAKE_INLINE, FAKE_INLINE, FAKE_INLINE },
	{ "read later", READ_10, FAKE_LATER, FAKE_LATER, FAKE_LATER },
	{ "read thread", READ_10, FAKE_THREAD, FAKE_THREAD, FAKE_THREAD },
	{ "write inline", WRITE_10, FAKE_INLINE, FAKE_INLINE, FAKE_INLINE },
	{ "write later", WRITE_10, FAKE_LATER, FAKE_LATER, FAKE_LATER },
	{ "write thread", WRITE_10, FAKE_THREAD, FAKE_THREAD, FAKE_THREAD,
	  .exec_in_worker = true },
	{ "write later thread inline sleeping handler", WRITE_10, FAKE_LATER,
	  FAKE_THREAD, FAKE_INLINE, .may_sleep = true },
	{ "write thread later later", WRITE_10, FAKE_THREAD, FAKE_LATER,
	  FAKE_LATER, .exec_in_worker = true },
	{ "read atomic sleeping handler", READ_10, FAKE_INLINE, FAKE_INLINE,
	  FAKE_INLINE, .may_sleep = true, .atomic = true,
	  .exec_in_worker = true },
	{ "write atomic", WRITE_10, FAKE_INLINE, FAKE_INLINE, FAKE_INLINE,
	  .atomic = true },
	{ "write atomic sleeping handler", WRITE_10, FAKE_INLINE, FAKE_THREAD,
	  FAKE_THREAD, .may_sleep = true, .atomic = true,
	  .exec_in_worker = true },
};

KUNIT_ARRAY_PARAM_DESC(fake_flow, fake_flows, desc);

/*
 * READ(10) or WRITE(10) goes INIT -> PARSE -> PREPARE_SPACE ->
 * [RDY_TO_XFER -> DATA_WAIT ->] EXEC -> EXEC_WAIT -> DEV_DONE -> PRE_XMIT
 * -> XMIT -> XMIT_WAIT -> FINISHED, with the data intact and GOOD status,
 * each callback called once, in order. A sleeping handler submitted to
 * from an atomic context runs in a core thread.
 */
static void scst_fake_flow(struct kunit *test)
{
	const struct fake_flow *p = test->param_value;
	struct fake *f = fake_setup(test, false, p->may_sleep);
	bool write = p->op == WRITE_10;
	struct scst_session *sess = f->sess[0].sess;
	struct fake_rec *rec;

	rec = fake_rec_new(f, p->rdy, p->exec, p->xmit);
	fake_submit(rec, 0, p->op, SCST_QUEUE_SIMPLE, p->atomic);

	if (write) {
		fake_wait(test, &rec->rdy_called, "rdy_to_xfer");
		if (p->rdy == FAKE_LATER) {
			KUNIT_EXPECT_EQ(test, READ_ONCE(rec->cmd->state),
					SCST_CMD_STATE_DATA_WAIT);
			KUNIT_EXPECT_EQ(test, rec->execs, 0U);
			KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 1U);
			KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_DATA);
		}
	}
	fake_wait(test, &rec->exec_called, "exec");
	if (p->exec == FAKE_LATER) {
		KUNIT_EXPECT_EQ(test, READ_ONCE(rec->cmd->state),
				SCST_CMD_STATE_EXEC_WAIT);
		KUNIT_EXPECT_EQ(test, rec->xmits, 0U);
		KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 1U);
		KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_EXEC);
	}
	fake_wait(test, &rec->xmit_called, "xmit_response");
	if (p->xmit == FAKE_LATER) {
		KUNIT_EXPECT_EQ(test, READ_ONCE(rec->cmd->state),
				SCST_CMD_STATE_XMIT_WAIT);
		KUNIT_EXPECT_EQ(test, rec->frees, 0U);
		KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 1U);
		KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_XMIT);
	}
	fake_wait(test, &rec->freed, "on_free_cmd");

	KUNIT_EXPECT_EQ(test, rec->rdys, write ? 1U : 0U);
	if (write) {
		KUNIT_EXPECT_EQ(test, rec->rdy_state, SCST_CMD_STATE_DATA_WAIT);
		KUNIT_EXPECT_LT(test, rec->rdy_seq, rec->exec_seq);
	}
	KUNIT_EXPECT_EQ(test, rec->execs, 1U);
	KUNIT_EXPECT_EQ(test, rec->exec_state, SCST_CMD_STATE_EXEC_WAIT);
	KUNIT_EXPECT_EQ(test, rec->exec_in_worker, p->exec_in_worker);
	KUNIT_EXPECT_EQ(test, rec->xmit_state, SCST_CMD_STATE_XMIT_WAIT);
	KUNIT_EXPECT_EQ(test, rec->free_state, SCST_CMD_STATE_FINISHED);
	KUNIT_EXPECT_LT(test, rec->exec_seq, rec->xmit_seq);
	KUNIT_EXPECT_LT(test, rec->xmit_seq, rec->free_seq);
	fake_expect_good(test, rec);
	KUNIT_EXPECT_TRUE(test, rec->data_ok);
	KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 0U);
	/* the setup's TEST UNIT READY and this one */
	KUNIT_EXPECT_EQ(test, atomic64_read(&sess->nr_cmds), 2);
	KUNIT_EXPECT_EQ(test, atomic64_read(&sess->read_bytes),
			write ? 0 : FAKE_XFER);
	KUNIT_EXPECT_EQ(test, atomic64_read(&sess->write_bytes),
			write ? FAKE_XFER : 0);
	/* the other nexus is untouched, and the next command is GOOD */
	KUNIT_EXPECT_EQ(test, atomic64_read(&f->sess[1].sess->nr_cmds), 1);
	fake_expect_good_tur(test, f, 0);
}

/* 2. ABORT TASK while the command waits in each state */

/* In DATA_WAIT: the data still arrives; the command is not executed. */
static void scst_fake_abort_data_wait(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, false);
	struct fake_rec *rec;
	struct fake_tmf *tmf;

	rec = fake_rec_new(f, FAKE_LATER, FAKE_INLINE, FAKE_INLINE);
	fake_submit(rec, 0, WRITE_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->rdy_called, "rdy_to_xfer");
	KUNIT_ASSERT_EQ(test, READ_ONCE(rec->cmd->state),
			SCST_CMD_STATE_DATA_WAIT);

	tmf = fake_tmf(f, 0, SCST_TMF_ABORT_TASK, rec->tag);
	fake_expect_tmf_waits(test, tmf, rec);
	/* its own nexus aborted it: no TASK ABORTED */
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(rec->cmd));
	/* the owner (the driver) has not moved it on */
	KUNIT_EXPECT_EQ(test, READ_ONCE(rec->cmd->state),
			SCST_CMD_STATE_DATA_WAIT);
	KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 1U);

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_DATA);
	fake_wait(test, &rec->freed, "on_free_cmd");
	KUNIT_EXPECT_EQ(test, rec->rdys, 1U);
	KUNIT_EXPECT_EQ(test, rec->execs, 0U);
	fake_expect_no_response(test, rec);
	fake_expect_tmf_done(test, tmf, rec, SCST_TMF_COMPLETE);
	KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 0U);
	/* The data did arrive from the initiator */
	KUNIT_EXPECT_EQ(test, atomic64_read(&f->sess[0].sess->write_bytes),
			FAKE_XFER);
	fake_expect_good_tur(test, f, 0);
}

/* In EXEC_WAIT: the handler finishes it; nothing is sent. */
static void scst_fake_abort_exec_wait(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, false);
	struct fake_rec *rec;
	struct fake_tmf *tmf;

	rec = fake_rec_new(f, FAKE_INLINE, FAKE_LATER, FAKE_INLINE);
	fake_submit(rec, 0, READ_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->exec_called, "exec");
	KUNIT_ASSERT_EQ(test, READ_ONCE(rec->cmd->state),
			SCST_CMD_STATE_EXEC_WAIT);

	tmf = fake_tmf(f, 0, SCST_TMF_ABORT_TASK, rec->tag);
	fake_expect_tmf_waits(test, tmf, rec);
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(rec->cmd));
	KUNIT_EXPECT_EQ(test, READ_ONCE(rec->cmd->state),
			SCST_CMD_STATE_EXEC_WAIT);
	KUNIT_EXPECT_EQ(test, rec->xmits, 0U);

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_EXEC);
	fake_wait(test, &rec->freed, "on_free_cmd");
	KUNIT_EXPECT_EQ(test, rec->execs, 1U);
	fake_expect_no_response(test, rec);
	fake_expect_tmf_done(test, tmf, rec, SCST_TMF_COMPLETE);
	KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 0U);
	/* Nothing was sent (SAM-5 5.6) */
	KUNIT_EXPECT_EQ(test, atomic64_read(&f->sess[0].sess->read_bytes), 0);
}

/* In XMIT_WAIT: the response already sent stands. */
static void scst_fake_abort_xmit_wait(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, false);
	struct fake_rec *rec;
	struct fake_tmf *tmf;

	rec = fake_rec_new(f, FAKE_INLINE, FAKE_INLINE, FAKE_LATER);
	fake_submit(rec, 0, READ_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->xmit_called, "xmit_response");
	KUNIT_ASSERT_EQ(test, READ_ONCE(rec->cmd->state),
			SCST_CMD_STATE_XMIT_WAIT);
	KUNIT_EXPECT_FALSE(test, rec->xmit_aborted);
	KUNIT_EXPECT_EQ(test, rec->status, SAM_STAT_GOOD);
	KUNIT_EXPECT_TRUE(test, rec->data_ok);

	tmf = fake_tmf(f, 0, SCST_TMF_ABORT_TASK, rec->tag);
	fake_expect_tmf_waits(test, tmf, rec);
	KUNIT_EXPECT_EQ(test, READ_ONCE(rec->cmd->state),
			SCST_CMD_STATE_XMIT_WAIT);

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_XMIT);
	fake_wait(test, &rec->freed, "on_free_cmd");
	KUNIT_EXPECT_EQ(test, rec->execs, 1U);
	fake_expect_good(test, rec);
	KUNIT_EXPECT_EQ(test, rec->free_state, SCST_CMD_STATE_FINISHED);
	fake_expect_tmf_done(test, tmf, rec, SCST_TMF_COMPLETE);
	KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 0U);
}

/*
 * Held before EXEC by its task attribute: an ORDERED write has its data
 * but waits for an older SIMPLE read (SAM-5 8.6). Aborted there, it is
 * never executed, even once the read lets it go.
 */
static void scst_fake_abort_held_ordered(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, false);
	struct fake_rec *a, *b;
	struct fake_tmf *tmf;

	a = fake_rec_new(f, FAKE_INLINE, FAKE_LATER, FAKE_INLINE);
	b = fake_rec_new(f, FAKE_INLINE, FAKE_LATER, FAKE_INLINE);
	fake_submit(a, 0, READ_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &a->exec_called, "exec of the read");
	fake_submit(b, 0, WRITE_10, SCST_QUEUE_ORDERED, false);
	fake_wait(test, &b->rdy_called, "rdy_to_xfer of the write");
	KUNIT_ASSERT_NOT_NULL(test, b->cmd);
	KUNIT_EXPECT_EQ(test, READ_ONCE(b->cmd->state), SCST_CMD_STATE_EXEC);
	KUNIT_EXPECT_EQ(test, b->execs, 0U);
	KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 2U);

	tmf = fake_tmf(f, 0, SCST_TMF_ABORT_TASK, b->tag);
	fake_expect_tmf_waits(test, tmf, b);
	KUNIT_EXPECT_FALSE(test, scst_cmd_abort_requested(a->cmd));

	/* The read completes and lets the write go, to its end */
	KUNIT_EXPECT_EQ(test, fake_release(a), FAKE_HELD_EXEC);
	fake_wait(test, &a->freed, "on_free_cmd of the read");
	fake_wait(test, &b->freed, "on_free_cmd of the write");
	fake_expect_good(test, a);
	KUNIT_EXPECT_TRUE(test, a->data_ok);
	KUNIT_EXPECT_EQ(test, b->rdys, 1U);
	KUNIT_EXPECT_EQ(test, b->execs, 0U);
	fake_expect_no_response(test, b);
	fake_expect_tmf_done(test, tmf, b, SCST_TMF_COMPLETE);
	KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 0U);
	/* The write's data arrived; the read sent its data */
	KUNIT_EXPECT_EQ(test, atomic64_read(&f->sess[0].sess->write_bytes),
			FAKE_XFER);
	KUNIT_EXPECT_EQ(test, atomic64_read(&f->sess[0].sess->read_bytes),
			FAKE_XFER);
}

static void fake_resume(void *data)
{
	scst_resume_activity();
}

/*
 * Held in INIT while activity is suspended: aborted there, it is
 * neither fetched nor executed once activity resumes.
 */
static void scst_fake_abort_held_suspended(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, false);
	struct fake_rec *rec;
	struct fake_tmf *tmf;

	KUNIT_ASSERT_EQ(test, scst_suspend_activity(FAKE_TIMEOUT_MS), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fake_resume,
							NULL), 0);
	rec = fake_rec_new(f, FAKE_INLINE, FAKE_INLINE, FAKE_INLINE);
	fake_submit(rec, 0, WRITE_10, SCST_QUEUE_SIMPLE, false);
	KUNIT_ASSERT_NOT_NULL(test, rec->cmd);
	KUNIT_EXPECT_EQ(test, READ_ONCE(rec->cmd->state), SCST_CMD_STATE_INIT);
	KUNIT_EXPECT_EQ(test, rec->rdys, 0U);

	tmf = fake_tmf(f, 0, SCST_TMF_ABORT_TASK, rec->tag);
	fake_expect_tmf_waits(test, tmf, rec);

	scst_resume_activity();
	fake_wait(test, &rec->freed, "on_free_cmd");
	KUNIT_EXPECT_EQ(test, rec->rdys, 0U);
	KUNIT_EXPECT_EQ(test, rec->execs, 0U);
	fake_expect_no_response(test, rec);
	fake_expect_tmf_done(test, tmf, rec, SCST_TMF_COMPLETE);
	KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 0U);
	/* No data was received */
	KUNIT_EXPECT_EQ(test, atomic64_read(&f->sess[0].sess->write_bytes), 0);
}

/* 3. LOGICAL UNIT RESET from the other I_T nexus (SAM-5 5.6, 7.6) */

/* TAS set: TASK ABORTED, and the nexus learns of the reset. */
static void scst_fake_lun_reset_tas(struct kunit *test)
{
	struct fake *f = fake_setup(test, true, false);
	struct fake_rec *rec;
	struct fake_tmf *tmf;

	rec = fake_rec_new(f, FAKE_INLINE, FAKE_LATER, FAKE_INLINE);
	fake_submit(rec, 0, READ_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->exec_called, "exec");

	tmf = fake_tmf(f, 1, SCST_TMF_LUN_RESET, 0);
	fake_expect_tmf_waits(test, tmf, rec);
	/* It gets a response */
	KUNIT_EXPECT_FALSE(test, scst_cmd_aborted(rec->cmd));

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_EXEC);
	fake_wait(test, &rec->freed, "on_free_cmd");
	KUNIT_EXPECT_EQ(test, rec->xmits, 1U);
	KUNIT_EXPECT_FALSE(test, rec->xmit_aborted);
	KUNIT_EXPECT_TRUE(test, rec->xmit_abort_requested);
	KUNIT_EXPECT_EQ(test, rec->status, SAM_STAT_TASK_ABORTED);
	KUNIT_EXPECT_EQ(test, rec->sense_len, 0);
	fake_expect_tmf_done(test, tmf, rec, SCST_TMF_COMPLETE);

	/* No COMMANDS CLEARED BY ANOTHER INITIATOR: TASK ABORTED told it */
	fake_expect_sense(test, fake_tur(f, 0), UNIT_ATTENTION,
			  SCST_ASC_BUS_DEVICE_RESET);
	fake_expect_good_tur(test, f, 0);
	fake_expect_good_tur(test, f, 1);
}

/* TAS clear: no response, then COMMANDS CLEARED BY ANOTHER INITIATOR. */
static void scst_fake_lun_reset_no_tas(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, false);
	struct fake_rec *rec;
	struct fake_tmf *tmf;

	rec = fake_rec_new(f, FAKE_INLINE, FAKE_LATER, FAKE_INLINE);
	fake_submit(rec, 0, READ_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->exec_called, "exec");

	tmf = fake_tmf(f, 1, SCST_TMF_LUN_RESET, 0);
	fake_expect_tmf_waits(test, tmf, rec);
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(rec->cmd));

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_EXEC);
	fake_wait(test, &rec->freed, "on_free_cmd");
	fake_expect_no_response(test, rec);
	fake_expect_tmf_done(test, tmf, rec, SCST_TMF_COMPLETE);

	/* In the order they were established */
	fake_expect_sense(test, fake_tur(f, 0), UNIT_ATTENTION,
			  SCST_ASC_COMMANDS_CLEARED_BY_ANOTHER);
	fake_expect_sense(test, fake_tur(f, 0), UNIT_ATTENTION,
			  SCST_ASC_BUS_DEVICE_RESET);
	fake_expect_good_tur(test, f, 0);
	/* The nexus that sent the reset is told nothing */
	fake_expect_good_tur(test, f, 1);
}

/*
 * 4. An ABORT TASK for a command a LOGICAL UNIT RESET aborted already:
 * both complete only once it is freed (SAM-5 7.1).
 */
static void scst_fake_second_tmf(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, false);
	struct fake_tmf *reset, *abort, *late;
	struct fake_rec *rec;

	rec = fake_rec_new(f, FAKE_INLINE, FAKE_LATER, FAKE_INLINE);
	fake_submit(rec, 0, READ_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->exec_called, "exec");

	reset = fake_tmf(f, 1, SCST_TMF_LUN_RESET, 0);
	fake_expect_tmf_waits(test, reset, rec);
	abort = fake_tmf(f, 0, SCST_TMF_ABORT_TASK, rec->tag);
	/* The first function stays the command's; the second is chained */
	fake_expect_tmf_waits(test, reset, rec);
	KUNIT_EXPECT_NOT_NULL(test, rec->cmd->mcmd_waits);
	KUNIT_EXPECT_EQ(test, abort->dones, 0U);
	KUNIT_EXPECT_FALSE(test, completion_done(&abort->done));

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_EXEC);
	fake_wait(test, &rec->freed, "on_free_cmd");
	/* The first abort decided: another nexus', without TAS */
	fake_expect_no_response(test, rec);
	fake_expect_tmf_done(test, reset, rec, SCST_TMF_COMPLETE);
	fake_expect_tmf_done(test, abort, rec, SCST_TMF_COMPLETE);

	/* Once the task is gone, ABORT TASK finds nothing, and says so */
	late = fake_tmf(f, 0, SCST_TMF_ABORT_TASK, rec->tag);
	fake_wait(test, &late->done, "task_mgmt_fn_done");
	KUNIT_EXPECT_EQ(test, late->dones, 1U);
	KUNIT_EXPECT_EQ(test, late->status, SCST_TMF_TASK_NOT_EXIST);
}

/*
 * 5. A handler that does not answer holds the LOGICAL UNIT RESET until
 * it does.
 */
static void scst_fake_lun_reset_waits(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, true);
	struct fake_rec *rec;
	struct fake_tmf *tmf;

	rec = fake_rec_new(f, FAKE_INLINE, FAKE_LATER, FAKE_INLINE);
	fake_submit(rec, 0, WRITE_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->exec_called, "exec");

	tmf = fake_tmf(f, 0, SCST_TMF_LUN_RESET, 0);
	fake_expect_tmf_waits(test, tmf, rec);
	/* Nothing but the handler can end it */
	flush_workqueue(f->wq);
	flush_workqueue(scst_wq);
	KUNIT_EXPECT_EQ(test, tmf->dones, 0U);
	KUNIT_EXPECT_EQ(test, READ_ONCE(rec->cmd->state),
			SCST_CMD_STATE_EXEC_WAIT);
	KUNIT_EXPECT_EQ(test, fake_nr_cmds(f, 0), 1U);

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_EXEC);
	fake_wait(test, &rec->freed, "on_free_cmd");
	fake_expect_no_response(test, rec);
	fake_expect_tmf_done(test, tmf, rec, SCST_TMF_COMPLETE);
	/* The other nexus learns of the reset */
	fake_expect_sense(test, fake_tur(f, 1), UNIT_ATTENTION,
			  SCST_ASC_BUS_DEVICE_RESET);
	fake_expect_good_tur(test, f, 0);
}

static void fake_restore_wait(void *data)
{
	struct fake *f = data;

	WRITE_ONCE(scst_wait_timeout_ms, f->saved_wait_ms);
}

static void fake_set_wait(struct kunit *test, struct fake *f)
{
	f->saved_wait_ms = READ_ONCE(scst_wait_timeout_ms);
	WRITE_ONCE(scst_wait_timeout_ms, FAKE_WAIT_MS);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							fake_restore_wait,
							f), 0);
}

static int fake_remove_session_fn(void *data)
{
	struct fake_remover *r = data;

	scst_unregister_session(r->f->sess[r->s].sess);
	complete_all(&r->done);
	return 0;
}

static int fake_remove_lun_fn(void *data)
{
	struct fake_remover *r = data;

	scst_lun_unmap(r->f->lun);
	complete_all(&r->done);
	return 0;
}

/* Runs before the fixture's cleanup: the remover must be done first */
static void fake_remover_join(void *data)
{
	struct fake_remover *r = data;

	fake_release_all(r->f);
	wait_for_completion(&r->done);
}

static struct fake_remover *fake_remover_start(struct fake *f,
					       int (*fn)(void *), int s)
{
	struct kunit *test = f->test;
	struct fake_remover *r = &f->remover;
	struct task_struct *task;

	r->f = f;
	r->s = s;
	init_completion(&r->done);
	/* The fixture must not unregister a session the thread does */
	if (fn == fake_remove_session_fn)
		f->sess[s].gone = true;
	task = kthread_run(fn, r, "scst_fake_rm");
	if (IS_ERR(task))
		f->sess[s].gone = false;
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							fake_remover_join,
							r), 0);
	return r;
}

/*
 * Removing a session while its command is in the handler: the removal
 * aborts it (an I_T nexus loss, SAM-5 6.3.4) and waits, naming it every
 * wait_timeout_ms, until the handler, which polls
 * scst_cmd_abort_requested(), has finished it.
 */
static void scst_fake_remove_session_waits(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, true);
	struct fake_remover *r;
	struct fake_rec *rec;
	unsigned long left;

	fake_set_wait(test, f);
	rec = fake_rec_new(f, FAKE_INLINE, FAKE_POLL, FAKE_INLINE);
	fake_submit(rec, 0, READ_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->exec_called, "exec");
	KUNIT_EXPECT_FALSE(test, scst_cmd_abort_requested(rec->cmd));

	r = fake_remover_start(f, fake_remove_session_fn, 0);
	fake_wait(test, &rec->abort_seen, "abort seen by the handler");
	KUNIT_EXPECT_TRUE(test, rec->poll_saw_abort);
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(rec->cmd));
	KUNIT_EXPECT_EQ(test, READ_ONCE(rec->cmd->state),
			SCST_CMD_STATE_EXEC_WAIT);
	/*
	 * The removal goes on waiting, through more than two periods and
	 * their reports, for as long as the handler holds the command.
	 */
	left = wait_for_completion_timeout(&r->done,
					   msecs_to_jiffies(FAKE_WAIT_MS * 5 / 2));
	KUNIT_EXPECT_EQ(test, left, 0);
	KUNIT_EXPECT_EQ(test, rec->frees, 0U);

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_EXEC);
	fake_wait(test, &r->done, "the session's removal");
	KUNIT_EXPECT_EQ(test, rec->execs, 1U);
	fake_expect_no_response(test, rec);
	/* The other session goes on */
	fake_expect_good_tur(test, f, 1);
}

/*
 * Removing the LUN while the handler holds its command and does not
 * answer: the removal returns at once, holding up neither the mutex of
 * the LUN maps nor the command. The device stays busy: disabling it
 * waits wait_timeout_ms, then names and aborts the command and fails
 * with EBUSY. Once the handler lets go, the device can be disabled.
 */
static void scst_fake_remove_lun_returns(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, true);
	struct fake_remover *r;
	struct fake_rec *rec;
	bool locked;

	fake_set_wait(test, f);
	rec = fake_rec_new(f, FAKE_INLINE, FAKE_LATER, FAKE_INLINE);
	fake_submit(rec, 0, WRITE_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->exec_called, "exec");

	r = fake_remover_start(f, fake_remove_lun_fn, 0);
	fake_wait(test, &r->done, "the LUN's removal");
	locked = mutex_trylock(&f->tgt->lun_mutex);
	KUNIT_EXPECT_TRUE(test, locked);
	if (locked)
		mutex_unlock(&f->tgt->lun_mutex);
	KUNIT_EXPECT_FALSE(test, scst_cmd_abort_requested(rec->cmd));
	KUNIT_EXPECT_EQ(test, rec->frees, 0U);
	KUNIT_EXPECT_FALSE(test, scst_sess_lun_exists(f->sess[0].sess,
						      FAKE_LUN));
	fake_expect_sense(test, fake_tur(f, 0), ILLEGAL_REQUEST,
			  SCST_ASC_LUN_NOT_SUPPORTED);

	KUNIT_EXPECT_EQ(test, scst_dev_enable(f->dev, false), -EBUSY);
	KUNIT_EXPECT_TRUE(test, f->dev->enabled);
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(rec->cmd));
	KUNIT_EXPECT_EQ(test, rec->frees, 0U);

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_EXEC);
	fake_wait(test, &rec->freed, "the command's end");
	KUNIT_EXPECT_EQ(test, rec->execs, 1U);
	fake_expect_no_response(test, rec);
	/* The nexus is freed by the core's workqueue */
	flush_workqueue(scst_wq);
	KUNIT_EXPECT_EQ(test, scst_dev_enable(f->dev, false), 0);
	KUNIT_EXPECT_FALSE(test, f->dev->enabled);
	KUNIT_EXPECT_EQ(test, f->detaches, 1U);
}

/*
 * Deleting the device while a command of its removed LUN is in the
 * handler: after wait_timeout_ms the command is named and aborted, and
 * the device is detached and freed when it ends.
 */
static void scst_fake_free_dev_deferred(struct kunit *test)
{
	struct fake *f = fake_setup(test, false, true);
	struct fake_remover *r;
	struct fake_rec *rec;

	fake_set_wait(test, f);
	rec = fake_rec_new(f, FAKE_INLINE, FAKE_LATER, FAKE_INLINE);
	fake_submit(rec, 1, WRITE_10, SCST_QUEUE_SIMPLE, false);
	fake_wait(test, &rec->exec_called, "exec");

	r = fake_remover_start(f, fake_remove_lun_fn, 0);
	fake_wait(test, &r->done, "the LUN's removal");
	/* What rmdir of the device does, with the device enabled */
	kunit_remove_action(test, fake_free_dev, f->dev);
	scst_free_device(f->dev);
	KUNIT_EXPECT_EQ(test, f->detaches, 0U);
	KUNIT_EXPECT_EQ(test, f->dev_frees, 0U);
	KUNIT_EXPECT_EQ(test, rec->frees, 0U);
	KUNIT_EXPECT_TRUE(test, scst_cmd_aborted(rec->cmd));

	KUNIT_EXPECT_EQ(test, fake_release(rec), FAKE_HELD_EXEC);
	fake_wait(test, &f->dev_freed, "the device's end");
	KUNIT_EXPECT_EQ(test, f->detaches, 1U);
	KUNIT_EXPECT_EQ(test, f->dev_frees, 1U);
	KUNIT_EXPECT_EQ(test, rec->execs, 1U);
	fake_expect_no_response(test, rec);
	f->dev = NULL;
}

static struct kunit_case scst_fake_test_cases[] = {
	KUNIT_CASE_PARAM(scst_fake_flow, fake_flow_gen_params),
	KUNIT_CASE(scst_fake_abort_data_wait),
	KUNIT_CASE(scst_fake_abort_exec_wait),
	KUNIT_CASE(scst_fake_abort_xmit_wait),
	KUNIT_CASE(scst_fake_abort_held_ordered),
	KUNIT_CASE(scst_fake_abort_held_suspended),
	KUNIT_CASE(scst_fake_lun_reset_tas),
	KUNIT_CASE(scst_fake_lun_reset_no_tas),
	KUNIT_CASE(scst_fake_second_tmf),
	KUNIT_CASE(scst_fake_lun_reset_waits),
	KUNIT_CASE(scst_fake_remove_session_waits),
	KUNIT_CASE(scst_fake_remove_lun_returns),
	KUNIT_CASE(scst_fake_free_dev_deferred),
	{}
};

static struct kunit_suite scst_fake_test_suite = {
	.name = "scst_fake",
	.test_cases = scst_fake_test_cases,
};

kunit_test_suite(scst_fake_test_suite);
