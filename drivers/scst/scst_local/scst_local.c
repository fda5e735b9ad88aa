// SPDX-License-Identifier: GPL-2.0-only
/*
 * scst_local: an SCST target driver whose initiator is this machine.
 *
 * Every session of an scst_local target is a virtual SCSI host on the
 * local SCSI midlayer. The host's queuecommand hands each scsi_cmnd to
 * SCST together with the command's own scatterlist, so the core and the
 * dev handler read write data from and place read data into the pages
 * of the initiator's request directly; nothing is copied.
 *
 * Zero copy makes the ownership of a scsi_cmnd the central rule: from
 * queuecommand until xmit_response() has called scsi_done(), SCST may
 * access the command's buffer, so no error handler may return (and let
 * the midlayer reuse or free the command) before that point. The abort
 * handler waits for the command it aborts, the reset handlers for every
 * command of the host; the task management functions sent to SCST only
 * make that wait short. These waits cannot give up, so they run in
 * periods of the core's wait_timeout_ms, after each of which the core
 * names the commands still in flight in the kernel log.
 *
 * See Documentation/scst/scst_local.rst for how to use it.
 */
#include <linux/atomic.h>
#include <linux/blk-mq.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>
#include <linux/wait_bit.h>
#include <linux/workqueue.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <scst/scst.h>

#define SCST_LOCAL_NAME		"scst_local"

/*
 * Highest LUN as the midlayer numbers it. int_to_scsilun() and
 * scsilun_to_int() keep the first level of the LUN field as is, so a
 * flat space LUN n (SAM-5 4.7.7.3) is 0x4000 | n.
 */
#define SCST_LOCAL_MAX_LUN	(0x4000 | SCST_MAX_LUN)

/**
 * struct scst_local_host - one session, one SCSI host (its private data)
 * @shost: the SCSI host
 * @sess: the SCST session
 * @rescan_work: brings the host's SCSI devices in line with the LUN map
 * @in_flight: commands SCST has not handed back yet
 * @logged_out: the session was closed by force; the host is going away
 *	and its new commands fail as on a lost connection
 */
struct scst_local_host {
	struct Scsi_Host *shost;
	struct scst_session *sess;
	struct work_struct rescan_work;
	atomic_t in_flight;
	bool logged_out;
};

/**
 * struct scst_local_sess - the target driver's data of a session
 * @sess: the SCST session
 * @lock: protects @lh
 * @lh: the session's SCSI host, NULL while there is none
 * @relogin_work: replaces the host after a forced close: a logout and
 *	a new login of the local initiator
 *
 * The session outlives its hosts: a forced close (close_session) gives
 * it a new SCSI host, and with it a new I_T nexus, in place of the old.
 */
struct scst_local_sess {
	struct scst_session *sess;
	spinlock_t lock;	/* protects @lh */
	struct scst_local_host *lh;
	struct work_struct relogin_work;
};

/**
 * struct scst_local_cmd - private data of a scsi_cmnd
 * @gen: counts the commands issued with this request; never 0
 * @active: @gen of the command while SCST owns it, else 0
 *
 * The SCST tag of a command is @gen in the upper and the request's
 * blk_mq_unique_tag() in the lower 32 bits: unlike the block layer tag
 * alone it stays unique while a finished command, whose request may
 * already carry the next one, is still being freed by SCST.
 */
struct scst_local_cmd {
	u32 gen;
	u32 active;
};

/**
 * struct scst_local_tmf - a task management function waited for
 * @done: completed by task_mgmt_fn_done()
 * @status: its result
 */
struct scst_local_tmf {
	struct completion done;
	enum scst_tmf_status status;
};

static struct device *scst_local_root;

static u64 scst_local_tag(struct scsi_cmnd *sc, u32 gen)
{
	return (u64)gen << 32 | blk_mq_unique_tag(scsi_cmd_to_rq(sc));
}

/* The SCST LUN of a SCSI device, or U64_MAX if SCST cannot address it. */
static u64 scst_local_lun(const struct scsi_device *sdev)
{
	struct scsi_lun slun;
	bool valid;
	u64 lun;

	int_to_scsilun(sdev->lun, &slun);
	lun = scst_unpack_lun(slun.scsi_lun, sizeof(slun), &valid);
	return valid ? lun : U64_MAX;
}

static int scst_local_queuecommand(struct Scsi_Host *shost,
				   struct scsi_cmnd *sc)
{
	struct scst_local_host *lh = shost_priv(shost);
	struct scst_local_cmd *lc = scsi_cmd_priv(sc);
	enum scst_data_direction dir;
	struct scsi_lun lun;
	struct scst_cmd *cmd;
	unsigned int noio;
	u32 gen;

	if (unlikely(READ_ONCE(lh->logged_out))) {
		/* The initiator has lost its nexus: no retry on this host */
		sc->result = DID_NO_CONNECT << 16;
		scsi_done(sc);
		return 0;
	}

	switch (sc->sc_data_direction) {
	case DMA_TO_DEVICE:
		dir = SCST_DATA_WRITE;
		break;
	case DMA_FROM_DEVICE:
		dir = SCST_DATA_READ;
		break;
	case DMA_NONE:
		dir = SCST_DATA_NONE;
		break;
	default:
		/* The midlayer issues no bidirectional commands. */
		sc->result = DID_ERROR << 16;
		scsi_done(sc);
		return 0;
	}

	gen = lc->gen + 1 ?: 1;
	lc->gen = gen;
	/*
	 * Both set before SCST can see the command: should it time out even
	 * before scst_rx_cmd() returns, the error handlers wait for it.
	 */
	WRITE_ONCE(lc->active, gen);
	atomic_inc(&lh->in_flight);

	int_to_scsilun(sc->device->lun, &lun);
	cmd = scst_rx_cmd(lh->sess, lun.scsi_lun, sizeof(lun), sc->cmnd,
			  sc->cmd_len, GFP_NOIO);
	if (unlikely(!cmd)) {
		/* Orders the store before wake_up_var()'s waiter check. */
		smp_store_mb(lc->active, 0);
		wake_up_var(&lc->active);
		if (atomic_dec_and_test(&lh->in_flight))
			wake_up_var(&lh->in_flight);
		return SCSI_MLQUEUE_HOST_BUSY;
	}

	cmd->tag = scst_local_tag(sc, gen);
	cmd->queue_type = SCST_QUEUE_SIMPLE;
	cmd->tgt_priv = sc;
	scst_cmd_set_expected(cmd, dir, scsi_bufflen(sc));
	if (scsi_bufflen(sc))
		scst_cmd_set_tgt_sg(cmd, scsi_sglist(sc), scsi_sg_count(sc));

	/*
	 * queuecommand_may_block lets SCST process the command right here,
	 * possibly up to its completion. The dev handler may allocate
	 * memory on the way; reclaim must not write back through this very
	 * host, as the loop driver ensures for its backing files.
	 */
	noio = memalloc_noio_save();
	scst_cmd_init_done(cmd, SCST_CONTEXT_DIRECT);
	memalloc_noio_restore(noio);
	return 0;
}

static void scst_local_set_result(struct scsi_cmnd *sc, struct scst_cmd *cmd)
{
	unsigned int len;

	if (unlikely(scst_cmd_aborted(cmd))) {
		/*
		 * An aborted command gets no status (SAM-5 5.6). If our own
		 * error handler aborted it, the command has timed out and
		 * scsi_done() leaves it alone. Otherwise the LOGICAL UNIT
		 * RESET or TARGET RESET of another session, or the CHECK
		 * CONDITION of another command with QERR set, aborted it:
		 * have the midlayer retry it rather than wait for its timeout.
		 */
		sc->result = DID_SOFT_ERROR << 16;
		return;
	}

	sc->result = DID_OK << 16 | cmd->status;
	if (cmd->sense_len) {
		len = min_t(unsigned int, cmd->sense_len,
			    SCSI_SENSE_BUFFERSIZE);
		memcpy(sc->sense_buffer, cmd->sense, len);
	}
	/* The midlayer cannot express an overflow (a negative residual). */
	if (cmd->resid > 0)
		scsi_set_resid(sc, min_t(s64, cmd->resid, scsi_bufflen(sc)));
	else
		scsi_set_resid(sc, 0);
}

static int scst_local_xmit_response(struct scst_cmd *cmd)
{
	struct scsi_cmnd *sc = scst_cmd_get_tgt_priv(cmd);
	struct scst_local_host *lh = shost_priv(sc->device->host);
	struct scst_local_cmd *lc = scsi_cmd_priv(sc);
	u32 gen = upper_32_bits(cmd->tag);

	/*
	 * Once scsi_done() has returned, the request of @sc, and with it
	 * @lc, may carry the next command or even be freed along with the
	 * host: give @sc back before completing it. The abort handler waits
	 * for @active to change and then for this RCU read-side critical
	 * section to end, so it returns only after scsi_done().
	 */
	rcu_read_lock();
	if (!WARN_ON_ONCE(cmpxchg(&lc->active, gen, 0) != gen)) {
		wake_up_var(&lc->active);
		scst_local_set_result(sc, cmd);
		scsi_done(sc);
	}
	rcu_read_unlock();

	/*
	 * SCST frees @cmd in scst_tgt_cmd_done() but leaves the buffer,
	 * which is the request's, alone. The host, and thus @lh, lives
	 * until in_flight is zero: see scst_local_logout().
	 */
	if (atomic_dec_and_test(&lh->in_flight))
		wake_up_var(&lh->in_flight);
	/* xmit_response() may be called in atomic context. */
	scst_tgt_cmd_done(cmd, SCST_CONTEXT_DIRECT_ATOMIC);
	return 0;
}

static void scst_local_task_mgmt_fn_done(struct scst_mgmt_cmd *mcmd)
{
	struct scst_local_tmf *tmf = mcmd->tgt_priv;

	tmf->status = scst_mgmt_cmd_status(mcmd);
	complete(&tmf->done);
}

/* Wait until the host has no command in SCST any more */
static void scst_local_wait_idle(struct scst_local_host *lh, const char *what)
{
	unsigned long waited = 0;
	unsigned int t;

	for (;;) {
		t = scst_wait_period_ms();
		if (wait_var_event_timeout(&lh->in_flight,
					   !atomic_read_acquire(&lh->in_flight),
					   msecs_to_jiffies(t)))
			return;
		waited += t;
		scst_sess_report_cmds(lh->sess, SCST_ANY_LUN, SCST_ANY_TAG,
				      what, waited);
	}
}

/*
 * Send a task management function to SCST and wait until it completes,
 * which is after every command it aborted has been freed. A failure is
 * only logged: the callers wait for their commands anyway.
 */
static void scst_local_tmf(struct scst_local_host *lh, enum scst_tmf fn,
			   u64 lun, u64 tag)
{
	unsigned long waited = 0;
	struct scst_local_tmf tmf;
	unsigned int t;
	int ret;

	init_completion(&tmf.done);
	ret = scst_rx_mgmt_fn(lh->sess, fn, lun, tag, &tmf);
	if (ret) {
		shost_printk(KERN_WARNING, lh->shost,
			     "task management function %d failed: %d\n",
			     fn, ret);
		return;
	}
	for (;;) {
		t = scst_wait_period_ms();
		if (wait_for_completion_timeout(&tmf.done, msecs_to_jiffies(t)))
			break;
		waited += t;
		/* The commands @fn aborted */
		scst_sess_report_cmds(lh->sess,
				      fn == SCST_TMF_TARGET_RESET ?
				      SCST_ANY_LUN : lun,
				      fn == SCST_TMF_ABORT_TASK ?
				      tag : SCST_ANY_TAG,
				      "task management by scst_local", waited);
	}
	if (tmf.status == SCST_TMF_REJECTED || tmf.status == SCST_TMF_FAILED)
		shost_printk(KERN_WARNING, lh->shost,
			     "task management function %d %s\n", fn,
			     tmf.status == SCST_TMF_FAILED ? "failed" : "rejected");
}

static int scst_local_eh_abort(struct scsi_cmnd *sc)
{
	struct scst_local_host *lh = shost_priv(sc->device->host);
	struct scst_local_cmd *lc = scsi_cmd_priv(sc);
	u32 gen = READ_ONCE(lc->active);
	unsigned long waited = 0;
	unsigned int t;

	if (gen) {
		scst_local_tmf(lh, SCST_TMF_ABORT_TASK,
			       scst_local_lun(sc->device),
			       scst_local_tag(sc, gen));
		/*
		 * ABORT TASK finds no command that is still being received
		 * or, after a race with an unmap, no LUN: wait in any case.
		 */
		for (;;) {
			t = scst_wait_period_ms();
			if (wait_var_event_timeout(&lc->active,
						   READ_ONCE(lc->active) != gen,
						   msecs_to_jiffies(t)))
				break;
			waited += t;
			scst_sess_report_cmds(lh->sess,
					      scst_local_lun(sc->device),
					      scst_local_tag(sc, gen),
					      "abort by scst_local", waited);
		}
	}
	/* Let xmit_response() finish its scsi_done(); see there. */
	synchronize_rcu();
	return SUCCESS;
}

/*
 * The midlayer calls the reset handlers only when all commands of the
 * host have failed, or for an SG_SCSI_RESET ioctl with tmf_in_progress
 * set; either way it sends no new commands, so waiting for all of them
 * ends.
 */
static int scst_local_reset(struct scsi_cmnd *sc, enum scst_tmf fn)
{
	struct scst_local_host *lh = shost_priv(sc->device->host);

	scst_local_tmf(lh, fn, scst_local_lun(sc->device), 0);
	scst_local_wait_idle(lh, "reset by scst_local");
	return SUCCESS;
}

static int scst_local_eh_device_reset(struct scsi_cmnd *sc)
{
	return scst_local_reset(sc, SCST_TMF_LUN_RESET);
}

/* A session sees one target, so a host reset is a target reset too. */
static int scst_local_eh_target_reset(struct scsi_cmnd *sc)
{
	return scst_local_reset(sc, SCST_TMF_TARGET_RESET);
}

/*
 * With this callback the midlayer does not zero the private data of a
 * command before each use, so scst_local_cmd.gen keeps counting.
 */
static int scst_local_init_cmd_priv(struct Scsi_Host *shost,
				    struct scsi_cmnd *sc)
{
	struct scst_local_cmd *lc = scsi_cmd_priv(sc);

	lc->gen = 0;
	lc->active = 0;
	return 0;
}

static ssize_t scst_session_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct scst_local_host *lh = shost_priv(class_to_shost(dev));

	return sysfs_emit(buf, "%s/%s\n", scst_sess_tgt(lh->sess)->name,
			  scst_sess_initiator_name(lh->sess));
}
static DEVICE_ATTR_RO(scst_session);

static struct attribute *scst_local_host_attrs[] = {
	&dev_attr_scst_session.attr,
	NULL
};
ATTRIBUTE_GROUPS(scst_local_host);

/* Deliver the events scst_local_report_aen() raises (as uevents). */
static int scst_local_slave_alloc(struct scsi_device *sdev)
{
	set_bit(SDEV_EVT_CAPACITY_CHANGE_REPORTED, sdev->supported_events);
	set_bit(SDEV_EVT_MODE_PARAMETER_CHANGE_REPORTED,
		sdev->supported_events);
	set_bit(SDEV_EVT_LUN_CHANGE_REPORTED, sdev->supported_events);
	return 0;
}

static const struct scsi_host_template scst_local_sht = {
	.module			= THIS_MODULE,
	.name			= "SCST local target driver",
	.proc_name		= SCST_LOCAL_NAME,
	.queuecommand		= scst_local_queuecommand,
	.slave_alloc		= scst_local_slave_alloc,
	.eh_abort_handler	= scst_local_eh_abort,
	.eh_device_reset_handler = scst_local_eh_device_reset,
	.eh_target_reset_handler = scst_local_eh_target_reset,
	.eh_host_reset_handler	= scst_local_eh_target_reset,
	.init_cmd_priv		= scst_local_init_cmd_priv,
	.cmd_size		= sizeof(struct scst_local_cmd),
	.shost_groups		= scst_local_host_groups,
	.this_id		= -1,
	.can_queue		= 256,
	.cmd_per_lun		= 128,
	/* what a LUN reports in its Block Limits VPD page, in pages */
	.sg_tablesize		= SCST_MAX_XFER_LEN / PAGE_SIZE,
	.max_sectors		= SCST_MAX_XFER_LEN >> SECTOR_SHIFT,
	.queuecommand_may_block	= 1,
};

/*
 * Remove the SCSI devices whose LUN the session no longer sees, then
 * scan for new ones; SCSI_SCAN_RESCAN leaves existing devices alone.
 */
static void scst_local_rescan(struct work_struct *work)
{
	struct scst_local_host *lh = container_of(work, struct scst_local_host,
						  rescan_work);
	struct Scsi_Host *shost = lh->shost;
	struct scsi_device *sdev;
	u64 lun;

	shost_for_each_device(sdev, shost) {
		lun = scst_local_lun(sdev);
		if (lun == U64_MAX || !scst_sess_lun_exists(lh->sess, lun))
			scsi_remove_device(sdev);
	}
	scsi_scan_target(&shost->shost_gendev, 0, 0, SCAN_WILD_CARD,
			 SCSI_SCAN_RESCAN);
}

static void scst_local_luns_changed(struct scst_session *sess)
{
	struct scst_local_sess *ls = scst_sess_get_tgt_priv(sess);
	unsigned long flags;

	/* A no-op until the host is added and once it goes away. */
	spin_lock_irqsave(&ls->lock, flags);
	if (ls->lh)
		queue_work(system_long_wq, &ls->lh->rescan_work);
	spin_unlock_irqrestore(&ls->lock, flags);
}

/* Log the local initiator in: a new SCSI host for the session. */
static atomic_t scst_local_host_seq = ATOMIC_INIT(0);

static int scst_local_login(struct scst_local_sess *ls)
{
	struct scst_local_host *lh;
	struct Scsi_Host *shost;
	int ret;

	shost = scsi_host_alloc(&scst_local_sht, sizeof(*lh));
	if (!shost)
		return -ENOMEM;
	shost->max_channel = 0;
	shost->max_id = 1;
	shost->max_lun = SCST_LOCAL_MAX_LUN + 1;
	shost->max_cmd_len = SCST_MAX_CDB_SIZE;
	/*
	 * One hardware queue per CPU: a command that SCST completes inside
	 * queuecommand then completes on its own CPU, in the submitter's
	 * context. With a single queue shared by several CPUs, blk-mq would
	 * hand every completion to the block softirq, i.e. to ksoftirqd:
	 * two context switches per command.
	 */
	shost->nr_hw_queues = num_possible_cpus();
	/*
	 * Host numbers are reused; unique_id (in sysfs) tells a host that
	 * replaced another, e.g. after force_close, from the one it replaced.
	 */
	shost->unique_id = atomic_inc_return(&scst_local_host_seq);

	lh = shost_priv(shost);
	lh->shost = shost;
	lh->sess = ls->sess;
	atomic_set(&lh->in_flight, 0);
	INIT_WORK(&lh->rescan_work, scst_local_rescan);
	disable_work(&lh->rescan_work);

	ret = scsi_add_host(shost, scst_local_root);
	if (ret) {
		scsi_host_put(shost);
		return ret;
	}
	spin_lock_irq(&ls->lock);
	ls->lh = lh;
	spin_unlock_irq(&ls->lock);
	/* The scan below sees the LUN map changes made until now. */
	enable_work(&lh->rescan_work);
	scsi_scan_host(shost);
	return 0;
}

/*
 * Log the local initiator out: remove the session's SCSI host, if it has
 * one. Its SCSI devices go away; commands still queued to them fail.
 */
static void scst_local_logout(struct scst_local_sess *ls)
{
	struct scst_local_host *lh;

	spin_lock_irq(&ls->lock);
	lh = ls->lh;
	ls->lh = NULL;
	spin_unlock_irq(&ls->lock);
	if (!lh)
		return;

	disable_work_sync(&lh->rescan_work);
	/* Returns once every command of the host has been completed... */
	scsi_remove_host(lh->shost);
	/* ...and xmit_response() has let go of the last one. */
	scst_local_wait_idle(lh, "logout by scst_local");
	scsi_host_put(lh->shost);
}

/*
 * A forced close: the initiator loses its nexus, then logs in again as it
 * would to a real target, with a new SCSI host (a new host number), whose
 * scan finds the LUNs again. The session and its configfs directory,
 * which the user made, stay.
 */
static void scst_local_relogin(struct work_struct *work)
{
	struct scst_local_sess *ls = container_of(work, struct scst_local_sess,
						  relogin_work);
	int ret;

	scst_local_logout(ls);
	/* No command of the old nexus is left: the new one may start. */
	scst_sess_reopen(ls->sess);
	ret = scst_local_login(ls);
	if (ret)
		pr_warn("%s: session %s/%s has no SCSI host after its close: %d\n",
			SCST_LOCAL_NAME, scst_sess_tgt(ls->sess)->name,
			scst_sess_initiator_name(ls->sess), ret);
}

/*
 * The core has aborted the commands of @sess and aborts those that still
 * come. The old host's commands now fail at once, rather than being
 * retried until the host is gone. Removing the host waits for its
 * commands and its SCSI devices, which must not happen in the configfs
 * write that calls us: a work item does it.
 */
static int scst_local_close_session(struct scst_session *sess)
{
	struct scst_local_sess *ls = scst_sess_get_tgt_priv(sess);
	unsigned long flags;

	spin_lock_irqsave(&ls->lock, flags);
	if (ls->lh)
		WRITE_ONCE(ls->lh->logged_out, true);
	spin_unlock_irqrestore(&ls->lock, flags);
	queue_work(system_long_wq, &ls->relogin_work);
	return 0;
}

static int scst_local_add_session(struct scst_tgt *tgt, const char *name)
{
	struct scst_local_sess *ls;
	struct scst_session *sess;
	int ret;

	ls = kzalloc(sizeof(*ls), GFP_KERNEL);
	if (!ls)
		return -ENOMEM;
	spin_lock_init(&ls->lock);
	INIT_WORK(&ls->relogin_work, scst_local_relogin);

	sess = scst_register_session(tgt, name, ls);
	if (IS_ERR(sess)) {
		kfree(ls);
		return PTR_ERR(sess);
	}
	ls->sess = sess;

	ret = scst_local_login(ls);
	if (ret) {
		scst_unregister_session(sess);
		kfree(ls);
	}
	return ret;
}

static void scst_local_del_session(struct scst_session *sess)
{
	struct scst_local_sess *ls = scst_sess_get_tgt_priv(sess);

	/* A forced close either has replaced the host or never starts. */
	disable_work_sync(&ls->relogin_work);
	/* Waits for the commands of the host; SCST then has none left. */
	scst_local_logout(ls);
	scst_unregister_session(sess);
	kfree(ls);
}

/*
 * The local initiator learns of events through the SCSI midlayer's
 * device events (uevents), as it would from a real target's unit
 * attentions; the unit attention itself stays pending for sd.
 */
static void scst_local_report_aen(struct scst_session *sess, u64 lun,
				  u16 asc_ascq)
{
	struct scst_local_sess *ls = scst_sess_get_tgt_priv(sess);
	struct scsi_device *sdev = NULL;
	enum scsi_device_event evt;
	struct scsi_lun slun;
	unsigned long flags;

	switch (asc_ascq) {
	case SCST_ASC_CAPACITY_DATA_CHANGED:
		evt = SDEV_EVT_CAPACITY_CHANGE_REPORTED;
		break;
	case SCST_ASC_MODE_PARAMETERS_CHANGED:
		evt = SDEV_EVT_MODE_PARAMETER_CHANGE_REPORTED;
		break;
	case SCST_ASC_REPORTED_LUNS_CHANGED:
		evt = SDEV_EVT_LUN_CHANGE_REPORTED;
		break;
	default:
		return;
	}
	/* Linux numbers the LUN as the 8-byte field reads, SAM-5 4.7 */
	scst_pack_lun(lun, slun.scsi_lun);
	/* The device reference keeps the host once it is unpublished. */
	spin_lock_irqsave(&ls->lock, flags);
	if (ls->lh)
		sdev = scsi_device_lookup(ls->lh->shost, 0, 0,
					  scsilun_to_int(&slun));
	spin_unlock_irqrestore(&ls->lock, flags);
	if (!sdev)
		return;
	sdev_evt_send_simple(sdev, evt, GFP_ATOMIC);
	scsi_device_put(sdev);
}

/*
 * A target needs nothing of its own: each session brings its own SCSI
 * host. The core only lets users make targets of drivers that have this
 * callback.
 */
static int scst_local_add_target(struct scst_tgt *tgt)
{
	return 0;
}

static const struct scst_tgt_template scst_local_tgtt = {
	.name			= SCST_LOCAL_NAME,
	.owner			= THIS_MODULE,
	.xmit_response		= scst_local_xmit_response,
	.task_mgmt_fn_done	= scst_local_task_mgmt_fn_done,
	.add_target		= scst_local_add_target,
	.add_session		= scst_local_add_session,
	.del_session		= scst_local_del_session,
	.luns_changed		= scst_local_luns_changed,
	.report_aen		= scst_local_report_aen,
	.close_session		= scst_local_close_session,
};

static int __init scst_local_init(void)
{
	int ret;

	scst_local_root = root_device_register(SCST_LOCAL_NAME);
	if (IS_ERR(scst_local_root))
		return PTR_ERR(scst_local_root);

	ret = scst_register_target_template(&scst_local_tgtt);
	if (ret)
		root_device_unregister(scst_local_root);
	return ret;
}
module_init(scst_local_init);

static void __exit scst_local_exit(void)
{
	scst_unregister_target_template(&scst_local_tgtt);
	root_device_unregister(scst_local_root);
}
module_exit(scst_local_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("SCST local target driver");
MODULE_AUTHOR("SCST developers");
