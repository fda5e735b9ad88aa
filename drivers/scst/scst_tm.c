// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: task management functions (SAM-5 clause 7).
 *
 * A function marks the commands it affects aborted and completes once
 * every one of them has been freed: mcmd->pending counts them, plus one
 * for the function itself while it is still looking for commands. The
 * owner of each aborted command notices the mark at its next step and
 * sends no response for it.
 */
#include <linux/module.h>
#include <linux/slab.h>

#include "scst_priv.h"

/*
 * A function that finds a command another function aborted first must
 * wait for it as well (SAM-5 7.1: a function completes once the commands
 * it affects have ended). cmd->mcmd holds the first function; the rare
 * others are chained here.
 */
struct scst_mcmd_wait {
	struct scst_mgmt_cmd *mcmd;
	struct scst_mcmd_wait *next;
};

/* Make @mcmd wait for @cmd; the caller holds cmd->sess->lock. */
static int scst_mcmd_wait_for(struct scst_cmd *cmd, struct scst_mgmt_cmd *mcmd)
{
	struct scst_mcmd_wait *w;

	if (!mcmd || cmd->mcmd == mcmd)
		return 0;
	if (!cmd->mcmd) {
		cmd->mcmd = mcmd;
		atomic_inc(&mcmd->pending);
		return 0;
	}
	for (w = cmd->mcmd_waits; w; w = w->next)
		if (w->mcmd == mcmd)
			return 0;
	w = kmalloc(sizeof(*w), GFP_ATOMIC);
	if (!w)
		return -ENOMEM;
	w->mcmd = mcmd;
	w->next = cmd->mcmd_waits;
	cmd->mcmd_waits = w;
	atomic_inc(&mcmd->pending);
	return 0;
}

/**
 * scst_cmd_put_mcmds() - release the functions waiting for a command
 * @cmd: a command being freed, no longer on its session's list
 */
void scst_cmd_put_mcmds(struct scst_cmd *cmd)
{
	struct scst_mcmd_wait *w = cmd->mcmd_waits, *next;

	for (; w; w = next) {
		next = w->next;
		scst_mgmt_cmd_put(w->mcmd);
		kfree(w);
	}
	if (cmd->mcmd)
		scst_mgmt_cmd_put(cmd->mcmd);
}

/**
 * scst_abort_cmd() - mark a command aborted
 * @cmd: the command
 * @mcmd: the function to complete only once @cmd is freed, or NULL
 * @by: the I_T nexus whose function or CHECK CONDITION (QERR) aborts
 *	@cmd, or NULL when @cmd's own nexus is lost
 * @td: the I_T_L nexus @cmd addresses, or NULL if not known yet
 *
 * SAM-5 5.6: a command another I_T nexus aborts ends with TASK ABORTED
 * if the control mode page's TAS bit is set; if not, its nexus is told
 * with COMMANDS CLEARED BY ANOTHER INITIATOR. The mark and its kind are
 * set in one atomic step, so an owner that sees SCST_CMD_ABORTED sees
 * SCST_CMD_TAS with it: a command that skipped its execution cannot end
 * with GOOD. The first abort decides; a later one (a LOGICAL UNIT RESET
 * of another nexus after this nexus' ABORT TASK) does not turn a silent
 * abort into TASK ABORTED, against what the owner may have decided
 * already, but its function waits for @cmd as well.
 *
 * Context: the caller holds cmd->sess->lock.
 * Return: 0, or -ENOMEM if @mcmd could not be made to wait for @cmd.
 */
int scst_abort_cmd(struct scst_cmd *cmd, struct scst_mgmt_cmd *mcmd,
		   const struct scst_session *by, struct scst_tgt_dev *td)
{
	bool other = by && by != cmd->sess;
	unsigned long old, new;
	bool tas = false;

	lockdep_assert_held(&cmd->sess->lock);
	if (other && td)
		tas = READ_ONCE(td->dev->tas);
	old = READ_ONCE(cmd->flags);
	do {
		if (old & BIT(SCST_CMD_ABORTED))
			return scst_mcmd_wait_for(cmd, mcmd);
		new = old | BIT(SCST_CMD_ABORTED);
		if (tas)
			new |= BIT(SCST_CMD_TAS);
	} while (!try_cmpxchg(&cmd->flags, &old, new));

	/* Not for the nexus of a removed LUN: its LUN may be another's now */
	if (other && td && !tas && !percpu_ref_is_dying(&td->refs))
		scst_tgt_dev_set_ua(td, SCST_ASC_COMMANDS_CLEARED_BY_ANOTHER);
	return scst_mcmd_wait_for(cmd, mcmd);
}
EXPORT_SYMBOL_IF_KUNIT(scst_abort_cmd);

/**
 * scst_mgmt_cmd_put() - drop a pending count of a function
 * @mcmd: the function
 *
 * The last put reports the function done to the target driver.
 */
void scst_mgmt_cmd_put(struct scst_mgmt_cmd *mcmd)
{
	if (!atomic_dec_and_test(&mcmd->pending))
		return;
	if (mcmd->done)
		complete(mcmd->done);
	else
		mcmd->sess->tgt->tgtt->task_mgmt_fn_done(mcmd);
	scst_sess_put(mcmd->sess);
	kfree(mcmd);
}

/*
 * QERR: abort the commands of @td's task set that @failed's CHECK
 * CONDITION affects. A command still in INIT has not entered a task set
 * yet; one past DEV_DONE has its status already and counts as completed
 * (its owner may be sending it right now); one already aborted keeps
 * the outcome its first abort gave it.
 */
static unsigned int scst_qerr_abort_td(struct scst_cmd *failed,
				       struct scst_tgt_dev *td)
{
	struct scst_session *sess = td->sess;
	enum scst_cmd_state state;
	struct scst_cmd *cmd;
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&sess->lock, flags);
	list_for_each_entry(cmd, &sess->cmds, sess_node) {
		state = READ_ONCE(cmd->state);
		if (cmd == failed || state == SCST_CMD_STATE_INIT ||
		    state >= SCST_CMD_STATE_PRE_XMIT ||
		    READ_ONCE(cmd->tgt_dev) != td ||
		    test_bit(SCST_CMD_ABORTED, &cmd->flags))
			continue;
		scst_abort_cmd(cmd, NULL, failed->sess, td);
		n++;
	}
	spin_unlock_irqrestore(&sess->lock, flags);
	return n;
}

/**
 * scst_qerr_applies() - whether a command's status must abort others
 * @cmd: a command about to have its response built
 *
 * The QERR field of the control mode page (SPC-4 7.5.8) says what
 * happens to the other commands of the task set when a command of it
 * ends with CHECK CONDITION. NACA is rejected in every CDB, so no ACA
 * condition is ever established (SAM-5 5.9) and QERR always applies.
 *
 * A command is in the task set of its logical unit from the time the
 * device server has accepted it (SAM-5 clause 8, task set management):
 * from the moment the core has found its I_T_L nexus and counted it
 * there. That includes a command failed while being decoded (INVALID
 * FIELD IN CDB, INVALID COMMAND OPERATION CODE) or reporting a unit
 * attention (SAM-5 5.14: the condition is reported by terminating a
 * command of the task set with CHECK CONDITION). It excludes a command
 * addressing no logical unit or rejected before the core looked its LUN
 * up, which belongs to no task set, and one rejected with TASK SET FULL,
 * which did not enter it and does not end with CHECK CONDITION anyway.
 * A command that is aborted itself sends no CHECK CONDITION, so it
 * affects nothing.
 *
 * Return: true if scst_qerr_abort() must run before @cmd's status is sent.
 */
bool scst_qerr_applies(const struct scst_cmd *cmd)
{
	return cmd->status == SAM_STAT_CHECK_CONDITION && cmd->dev &&
		cmd->tgt_dev && test_bit(SCST_CMD_IN_TASK_SET, &cmd->flags) &&
		!test_bit(SCST_CMD_ABORTED, &cmd->flags) &&
		READ_ONCE(cmd->dev->qerr) != SCST_QERR_NONE;
}
EXPORT_SYMBOL_IF_KUNIT(scst_qerr_applies);

/**
 * scst_qerr_abort() - abort the commands a CHECK CONDITION affects
 * @cmd: a command ending with CHECK CONDITION, not yet sent, for which
 *	scst_qerr_applies() was true
 *
 * SPC-4 7.5.8, QERR 01b: every other command of the task set, of every
 * I_T nexus, is aborted when the CHECK CONDITION status is sent; the
 * other nexuses' commands end with TASK ABORTED if TAS is set, else
 * those nexuses get COMMANDS CLEARED BY ANOTHER INITIATOR (as for a
 * function of another nexus, SAM-5 5.6). QERR 11b: only the other
 * commands of @cmd's I_T nexus are aborted. Aborted commands are only
 * marked; their owners finish them as for a task management function.
 * @cmd itself is not aborted and delivers its sense data.
 *
 * Context: any. The device's I_T_L nexuses are walked under RCU: a
 * nexus leaving the device waits for a grace period before its unit
 * attentions are emptied and its session can go (scst_tgt_dev_free_work()).
 * No mutex may be taken here: this runs inside the target driver's
 * submission path, e.g. scst_local's queuecommand, which the block layer
 * waits for while it removes a disk.
 * Return: the number of commands aborted.
 */
unsigned int scst_qerr_abort(struct scst_cmd *cmd)
{
	struct scst_device *dev = cmd->dev;
	u8 qerr = READ_ONCE(dev->qerr);
	struct scst_tgt_dev *td;
	unsigned int n = 0;

	if (qerr == SCST_QERR_NONE)
		return 0;
	rcu_read_lock();
	list_for_each_entry_rcu(td, &dev->tgt_devs, dev_node) {
		if (qerr == SCST_QERR_ABORT_NEXUS && td->sess != cmd->sess)
			continue;
		n += scst_qerr_abort_td(cmd, td);
	}
	rcu_read_unlock();
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(scst_qerr_abort);

/* Tell every nexus of @dev but @except's that the device was reset. */
static void scst_reset_ua(struct scst_device *dev, struct scst_session *except)
{
	scst_dev_set_ua(dev, except, SCST_ASC_BUS_DEVICE_RESET);
}

/**
 * scst_tmf_matches() - whether a function for an I_T_L nexus affects a
 *	command
 * @cmd: a command of the nexus' session
 * @td: the I_T_L nexus, or NULL for every LUN
 *
 * A command still in INIT has no I_T_L nexus yet (its owner is looking
 * it up, or it is held while activity is suspended): it belongs to the
 * LUN the transport addressed it to.
 *
 * Return: true if @cmd is in the task set the function addresses.
 */
bool scst_tmf_matches(const struct scst_cmd *cmd,
		      const struct scst_tgt_dev *td)
{
	if (!td)
		return true;
	if (READ_ONCE(cmd->state) == SCST_CMD_STATE_INIT)
		return cmd->lun == td->lun;
	return READ_ONCE(cmd->tgt_dev) == td;
}
EXPORT_SYMBOL_IF_KUNIT(scst_tmf_matches);

/*
 * Abort the commands of @sess that @mcmd affects: those for @td (every
 * LUN if NULL), or the one with @mcmd's tag. Returns how many matched.
 */
static unsigned int scst_abort_sess_cmds(struct scst_session *sess,
					 struct scst_mgmt_cmd *mcmd,
					 struct scst_tgt_dev *td, bool by_tag)
{
	struct scst_cmd *cmd;
	unsigned int n = 0;

	spin_lock_irq(&sess->lock);
	list_for_each_entry(cmd, &sess->cmds, sess_node) {
		if (by_tag ? cmd->tag != mcmd->tag :
			     !scst_tmf_matches(cmd, td))
			continue;
		n++;
		if (mcmd->fn == SCST_TMF_QUERY_TASK)
			continue;
		if (scst_abort_cmd(cmd, mcmd, mcmd->sess,
				   td ?: READ_ONCE(cmd->tgt_dev)))
			mcmd->nomem = true;
	}
	spin_unlock_irq(&sess->lock);
	return n;
}

/* Abort the commands every session of the target has. */
static void scst_abort_tgt_cmds(struct scst_tgt *tgt,
				struct scst_mgmt_cmd *mcmd)
{
	struct scst_session *sess;

	mutex_lock(&tgt->lun_mutex);
	list_for_each_entry(sess, &tgt->sessions, tgt_node)
		scst_abort_sess_cmds(sess, mcmd, NULL, false);
	mutex_unlock(&tgt->lun_mutex);
}

/* Abort the commands of every session, of any target, for @dev. */
static void scst_abort_dev_cmds(struct scst_device *dev,
				struct scst_mgmt_cmd *mcmd)
{
	struct scst_tgt_dev *td;

	mutex_lock(&dev->mutex);
	list_for_each_entry(td, &dev->tgt_devs, dev_node)
		scst_abort_sess_cmds(td->sess, mcmd, td, false);
	mutex_unlock(&dev->mutex);
}

static void scst_reset_acg(struct scst_acg *acg, struct scst_session *except)
{
	struct scst_lun *lun;
	unsigned long idx;

	xa_for_each(&acg->luns, idx, lun) {
		if (!lun->dev)
			continue;
		scst_res_reset(lun->dev);
		scst_reset_ua(lun->dev, except);
	}
}

/*
 * A target reset ends the reservations on every device the target
 * exports, and the other nexuses learn of it with a unit attention.
 */
static void scst_reset_tgt(struct scst_tgt *tgt, struct scst_session *except)
{
	struct scst_acg *acg;

	mutex_lock(&tgt->lun_mutex);
	scst_reset_acg(tgt->default_acg, except);
	list_for_each_entry(acg, &tgt->acgs, node)
		scst_reset_acg(acg, except);
	mutex_unlock(&tgt->lun_mutex);
}

/*
 * SAM-5 6.3.4: after an I_T nexus loss, each logical unit tells the
 * initiator port with I_T NEXUS LOSS OCCURRED. An SPC-2 reservation the
 * nexus held ends with it, as when the nexus goes away (scst_res.c).
 */
static void scst_nexus_loss_luns(struct scst_session *sess)
{
	struct scst_tgt_dev *td;
	unsigned long idx;

	mutex_lock(&sess->tgt->lun_mutex);
	xa_for_each(&sess->tgt_devs, idx, td) {
		scst_res_release_nexus(td);
		scst_tgt_dev_set_ua(td, SCST_ASC_I_T_NEXUS_LOSS);
	}
	mutex_unlock(&sess->tgt->lun_mutex);
}

static void scst_mgmt_work(struct work_struct *work)
{
	struct scst_mgmt_cmd *mcmd = container_of(work, struct scst_mgmt_cmd,
						  work);
	struct scst_session *sess = mcmd->sess;
	struct scst_tgt_dev *td = NULL;
	struct scst_device *dev = NULL;

	switch (mcmd->fn) {
	case SCST_TMF_ABORT_TASK:
	case SCST_TMF_QUERY_TASK:
	case SCST_TMF_ABORT_TASK_SET:
	case SCST_TMF_CLEAR_TASK_SET:
	case SCST_TMF_LUN_RESET:
	case SCST_TMF_CLEAR_ACA:
		td = scst_tgt_dev_get(sess, mcmd->lun);
		if (!td) {
			mcmd->status = SCST_TMF_LUN_NOT_EXIST;
			goto out;
		}
		dev = td->dev;
		break;
	default:
		break;
	}

	mcmd->status = SCST_TMF_COMPLETE;
	switch (mcmd->fn) {
	case SCST_TMF_ABORT_TASK:
		if (!scst_abort_sess_cmds(sess, mcmd, NULL, true))
			mcmd->status = SCST_TMF_TASK_NOT_EXIST;
		break;
	case SCST_TMF_QUERY_TASK:
		if (scst_abort_sess_cmds(sess, mcmd, NULL, true))
			mcmd->status = SCST_TMF_SUCCEEDED;
		break;
	case SCST_TMF_ABORT_TASK_SET:
		scst_abort_sess_cmds(sess, mcmd, td, false);
		break;
	case SCST_TMF_CLEAR_TASK_SET:
		/* SAM-5 7.4: the task set of every I_T nexus */
		scst_abort_dev_cmds(dev, mcmd);
		break;
	case SCST_TMF_LUN_RESET:
		/* SAM-5 7.6; a reset ends SPC-2 reservations (SPC-2 5.5.1) */
		scst_abort_dev_cmds(dev, mcmd);
		scst_res_reset(dev);
		scst_reset_ua(dev, sess);
		break;
	case SCST_TMF_TARGET_RESET:
		scst_abort_tgt_cmds(sess->tgt, mcmd);
		scst_reset_tgt(sess->tgt, sess);
		break;
	case SCST_TMF_NEXUS_LOSS:
		/* the actions of an I_T nexus loss event (SAM-5 6.3.4) */
		scst_abort_sess_cmds(sess, mcmd, NULL, false);
		scst_nexus_loss_luns(sess);
		break;
	case SCST_TMF_CLEAR_ACA:
		/* NACA is rejected in every CDB, so there is never an ACA. */
		mcmd->status = SCST_TMF_REJECTED;
		break;
	}
	if (unlikely(mcmd->nomem)) {
		/* It would complete before a command it aborted. */
		pr_warn_ratelimited("scst: task management function %d of %s: out of memory\n",
				    mcmd->fn, sess->initiator_name);
		mcmd->status = SCST_TMF_FAILED;
	}
out:
	if (td)
		scst_tgt_dev_put(td);
	scst_mgmt_cmd_put(mcmd);
}

/* Returns false if @sess is being unregistered: its commands end anyway. */
static bool scst_queue_mgmt_fn(struct scst_session *sess,
			       struct scst_mgmt_cmd *mcmd)
{
	if (!percpu_ref_tryget_live(&sess->refs))
		return false;
	mcmd->sess = sess;
	atomic_set(&mcmd->pending, 1);
	INIT_WORK(&mcmd->work, scst_mgmt_work);
	queue_work(scst_wq, &mcmd->work);
	return true;
}

/**
 * scst_rx_mgmt_fn() - start a task management function
 * @sess: the session it arrived on
 * @fn: the function
 * @lun: the LUN it addresses (ignored by TARGET RESET and I_T NEXUS RESET)
 * @tag: the tag of the task for ABORT TASK and QUERY TASK
 * @tgt_priv: the target driver's private data for it
 *
 * The function runs in a core thread; the driver's task_mgmt_fn_done()
 * reports its end, after every command it aborted has been freed.
 *
 * Context: any.
 * Return: 0, -EINVAL for an unknown function, -ENODEV if @sess is being
 * unregistered (which aborts all its commands anyway), or -ENOMEM.
 */
int scst_rx_mgmt_fn(struct scst_session *sess, enum scst_tmf fn, u64 lun,
		    u64 tag, void *tgt_priv)
{
	struct scst_mgmt_cmd *mcmd;

	if (fn > SCST_TMF_QUERY_TASK)
		return -EINVAL;
	mcmd = kzalloc(sizeof(*mcmd), GFP_ATOMIC);
	if (!mcmd)
		return -ENOMEM;
	mcmd->fn = fn;
	mcmd->lun = lun;
	mcmd->tag = tag;
	mcmd->tgt_priv = tgt_priv;
	if (!scst_queue_mgmt_fn(sess, mcmd)) {
		kfree(mcmd);
		return -ENODEV;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(scst_rx_mgmt_fn);

/**
 * scst_sess_nexus_loss() - perform an I_T nexus loss of a session
 * @sess: the session, of which the caller holds a reference
 *
 * Runs the I_T NEXUS RESET function as if the initiator had sent it, but
 * without telling the target driver, and waits for it: every command of
 * @sess is aborted and freed, SPC-2 reservations of its nexuses end and
 * each of its LUNs has the unit attention I_T NEXUS LOSS OCCURRED.
 *
 * Context: process.
 * Return: 0, -ENODEV if @sess is being unregistered, or -ENOMEM.
 */
int scst_sess_nexus_loss(struct scst_session *sess)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct scst_mgmt_cmd *mcmd;

	mcmd = kzalloc(sizeof(*mcmd), GFP_KERNEL);
	if (!mcmd)
		return -ENOMEM;
	mcmd->fn = SCST_TMF_NEXUS_LOSS;
	mcmd->done = &done;
	if (!scst_queue_mgmt_fn(sess, mcmd)) {
		kfree(mcmd);
		return -ENODEV;
	}
	scst_wait_cmds(&done, sess, "I_T nexus loss");
	return 0;
}

/**
 * scst_mgmt_cmd_status() - the result of a task management function
 * @mcmd: the function, as passed to task_mgmt_fn_done()
 *
 * Return: its status.
 */
enum scst_tmf_status scst_mgmt_cmd_status(const struct scst_mgmt_cmd *mcmd)
{
	return mcmd->status;
}
EXPORT_SYMBOL_GPL(scst_mgmt_cmd_status);
