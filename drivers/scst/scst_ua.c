// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: unit attention conditions (SAM-5 5.14, SPC-4 5.16).
 *
 * Each I_T_L nexus keeps a short queue of pending unit attentions. The
 * next command on the nexus that is not exempt (INQUIRY, REPORT LUNS and
 * REQUEST SENSE are, SPC-4 5.16.2) is failed with the oldest one.
 */
#include "scst_priv.h"

/**
 * scst_tgt_dev_set_ua() - establish a unit attention on an I_T_L nexus
 * @td: the nexus
 * @asc_ascq: additional sense code and qualifier
 *
 * A condition already pending is not queued twice. The queue is part of
 * the nexus, so no condition is lost for want of memory; when
 * %SCST_MAX_UA conditions are pending, a new one only repeats news the
 * initiator has yet to read and is dropped, with a message.
 *
 * Context: any.
 */
void scst_tgt_dev_set_ua(struct scst_tgt_dev *td, u16 asc_ascq)
{
	bool queued = false, full = false;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&td->ua_lock, flags);
	for (i = 0; i < td->nr_ua; i++)
		if (td->ua[i] == asc_ascq)
			goto out;
	if (td->nr_ua < SCST_MAX_UA) {
		td->ua[td->nr_ua] = asc_ascq;
		WRITE_ONCE(td->nr_ua, td->nr_ua + 1);
		queued = true;
	} else {
		full = true;
	}
out:
	spin_unlock_irqrestore(&td->ua_lock, flags);
	if (unlikely(full))
		pr_warn_ratelimited("scst: %s: LUN %llu of %s: unit attention %04x not queued, %u pending\n",
				    td->sess->tgt->name, td->lun,
				    td->sess->initiator_name, asc_ascq,
				    SCST_MAX_UA);
	if (queued && td->sess->tgt->tgtt->report_aen)
		td->sess->tgt->tgtt->report_aen(td->sess, td->lun, asc_ascq);
}

/* Drop the pending conditions equal to @asc_ascq; caller holds ua_lock. */
static void scst_ua_remove(struct scst_tgt_dev *td, u16 asc_ascq)
{
	unsigned int i, n = 0;

	for (i = 0; i < td->nr_ua; i++)
		if (td->ua[i] != asc_ascq)
			td->ua[n++] = td->ua[i];
	WRITE_ONCE(td->nr_ua, n);
}

/**
 * scst_sess_set_ua() - establish a unit attention on every LUN of a session
 * @sess: the session
 * @asc_ascq: additional sense code and qualifier
 *
 * Context: any. The nexuses are walked under RCU: one being unmapped
 * meanwhile is freed only after a grace period (scst_tgt_dev_free_work()).
 */
void scst_sess_set_ua(struct scst_session *sess, u16 asc_ascq)
{
	struct scst_tgt_dev *td;
	unsigned long idx;

	rcu_read_lock();
	xa_for_each(&sess->tgt_devs, idx, td)
		scst_tgt_dev_set_ua(td, asc_ascq);
	rcu_read_unlock();
}

/**
 * scst_dev_set_ua() - establish a unit attention for a device's initiators
 * @dev: the device
 * @except: session not to tell (the one that caused the change), or NULL
 * @asc_ascq: additional sense code and qualifier
 *
 * For changes such as MODE PARAMETERS CHANGED that every other I_T nexus
 * must be told about (SPC-4 5.16).
 *
 * Context: any.
 */
void scst_dev_set_ua(struct scst_device *dev, struct scst_session *except,
		     u16 asc_ascq)
{
	struct scst_tgt_dev *td;

	rcu_read_lock();
	list_for_each_entry_rcu(td, &dev->tgt_devs, dev_node)
		/* Not for the nexus of a removed LUN, nobody will read it */
		if (td->sess != except && !percpu_ref_is_dying(&td->refs))
			scst_tgt_dev_set_ua(td, asc_ascq);
	rcu_read_unlock();
}
EXPORT_SYMBOL_GPL(scst_dev_set_ua);

/**
 * scst_dev_resize() - change a device's capacity at runtime
 * @dev: the device
 * @nr_blocks: the new capacity in logical blocks
 *
 * Every initiator is told with CAPACITY DATA HAS CHANGED (SBC-3 4.10).
 */
void scst_dev_resize(struct scst_device *dev, u64 nr_blocks)
{
	WRITE_ONCE(dev->nr_blocks, nr_blocks);
	scst_dev_set_ua(dev, NULL, SCST_ASC_CAPACITY_DATA_CHANGED);
}
EXPORT_SYMBOL_GPL(scst_dev_resize);

/*
 * Called from the command path, which may not take tgt->lun_mutex: as
 * in scst_sess_set_ua(), the walk is under RCU.
 */
static void scst_sess_clear_ua(struct scst_session *sess, u16 asc_ascq)
{
	struct scst_tgt_dev *td;
	unsigned long idx, flags;

	rcu_read_lock();
	xa_for_each(&sess->tgt_devs, idx, td) {
		spin_lock_irqsave(&td->ua_lock, flags);
		scst_ua_remove(td, asc_ascq);
		spin_unlock_irqrestore(&td->ua_lock, flags);
	}
	rcu_read_unlock();
}

/**
 * scst_check_ua() - fail a command with a pending unit attention
 * @cmd: a decoded command
 *
 * Return: true if @cmd now carries a UNIT ATTENTION and must not run.
 */
bool scst_check_ua(struct scst_cmd *cmd)
{
	u16 asc_ascq;

	if (!cmd->tgt_dev)
		return false;
	if (cmd->cdb[0] == REPORT_LUNS) {
		/* SPC-4 6.33: REPORT LUNS clears this condition. */
		scst_sess_clear_ua(cmd->sess, SCST_ASC_REPORTED_LUNS_CHANGED);
		return false;
	}
	if ((cmd->op->flags & SCST_OPF_NO_UA) || !scst_ua_take(cmd, &asc_ascq))
		return false;
	scst_set_cmd_error(cmd, UNIT_ATTENTION, asc_ascq);
	return true;
}

/**
 * scst_ua_take() - dequeue the oldest unit attention of a command's nexus
 * @cmd: the command (REQUEST SENSE, SPC-4 6.39)
 * @asc_ascq: set to its additional sense code and qualifier
 *
 * Return: true if there was one.
 */
bool scst_ua_take(struct scst_cmd *cmd, u16 *asc_ascq)
{
	struct scst_tgt_dev *td = cmd->tgt_dev;
	unsigned long flags;
	bool found = false;

	if (!td || !READ_ONCE(td->nr_ua))
		return false;
	spin_lock_irqsave(&td->ua_lock, flags);
	if (td->nr_ua) {
		*asc_ascq = td->ua[0];
		memmove(&td->ua[0], &td->ua[1],
			(td->nr_ua - 1) * sizeof(td->ua[0]));
		WRITE_ONCE(td->nr_ua, td->nr_ua - 1);
		found = true;
	}
	spin_unlock_irqrestore(&td->ua_lock, flags);
	return found;
}
EXPORT_SYMBOL_IF_KUNIT(scst_ua_take);

/**
 * scst_ua_clear() - drop the unit attentions of a nexus that goes away
 * @td: the nexus, no longer reachable
 */
void scst_ua_clear(struct scst_tgt_dev *td)
{
	WRITE_ONCE(td->nr_ua, 0);
}
