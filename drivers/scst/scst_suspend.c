// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: suspending all command processing, e.g. while a
 * configuration change must not race with commands.
 *
 * Every command between scst_cmd_init_done() and its freeing holds a
 * reference to scst_active, a per-CPU reference, so the fast path adds
 * no shared cache line. Suspending kills the reference: commands that
 * arrive from then on are held, not started, and the suspender waits,
 * for a bounded time, until the commands already started are gone.
 * Resuming revives the reference and starts the held commands in a
 * thread, in arrival order.
 */
#include <linux/jiffies.h>
#include <linux/slab.h>

#include "scst_priv.h"

static struct percpu_ref scst_active;
static DECLARE_WAIT_QUEUE_HEAD(scst_active_wq);
static DEFINE_SPINLOCK(scst_held_lock);	/* protects scst_held */
static LIST_HEAD(scst_held);
static DEFINE_MUTEX(scst_suspend_mutex);	/* serialises suspend/resume */
static bool scst_is_suspended;		/* under scst_suspend_mutex */

static void scst_active_release(struct percpu_ref *ref)
{
	wake_up_all(&scst_active_wq);
}

/**
 * scst_cmd_activate() - count a command that starts, or hold it
 * @cmd: the command
 *
 * Return: true if @cmd may be processed now; false if it was held until
 * activity resumes.
 */
bool scst_cmd_activate(struct scst_cmd *cmd)
{
	unsigned long flags;

	if (likely(percpu_ref_tryget_live(&scst_active)))
		goto active;

	spin_lock_irqsave(&scst_held_lock, flags);
	/* A resume may have come in between. */
	if (percpu_ref_tryget_live(&scst_active)) {
		spin_unlock_irqrestore(&scst_held_lock, flags);
		goto active;
	}
	list_add_tail(&cmd->order_node, &scst_held);
	spin_unlock_irqrestore(&scst_held_lock, flags);
	return false;

active:
	set_bit(SCST_CMD_ACTIVE, &cmd->flags);
	return true;
}

/**
 * scst_cmd_deactivate() - drop the count of a command being freed
 * @cmd: the command
 */
void scst_cmd_deactivate(struct scst_cmd *cmd)
{
	if (test_bit(SCST_CMD_ACTIVE, &cmd->flags))
		percpu_ref_put(&scst_active);
}

static void scst_resume_locked(void)
{
	struct scst_cmd *cmd, *tmp;
	unsigned long flags;
	LIST_HEAD(run);

	lockdep_assert_held(&scst_suspend_mutex);
	spin_lock_irqsave(&scst_held_lock, flags);
	percpu_ref_resurrect(&scst_active);
	list_splice_init(&scst_held, &run);
	spin_unlock_irqrestore(&scst_held_lock, flags);
	scst_is_suspended = false;

	list_for_each_entry_safe(cmd, tmp, &run, order_node) {
		list_del_init(&cmd->order_node);
		percpu_ref_get(&scst_active);
		set_bit(SCST_CMD_ACTIVE, &cmd->flags);
		scst_queue_cmd_work(cmd);
	}
}

/**
 * scst_suspend_activity() - stop starting commands and wait for the rest
 * @timeout_ms: how long to wait for the commands already started
 *
 * Context: process.
 * Return: 0 once no command is active (new ones are held), -EALREADY if
 * activity is suspended already, or -EBUSY if commands were still active
 * after @timeout_ms, in which case activity has resumed.
 */
int scst_suspend_activity(unsigned int timeout_ms)
{
	long left;
	int ret = 0;

	mutex_lock(&scst_suspend_mutex);
	if (scst_is_suspended) {
		ret = -EALREADY;
		goto out;
	}
	scst_is_suspended = true;
	percpu_ref_kill(&scst_active);
	left = wait_event_timeout(scst_active_wq,
				  percpu_ref_is_zero(&scst_active),
				  msecs_to_jiffies(timeout_ms));
	if (!left) {
		scst_resume_locked();
		ret = -EBUSY;
	}
out:
	mutex_unlock(&scst_suspend_mutex);
	return ret;
}

/**
 * scst_resume_activity() - undo scst_suspend_activity()
 *
 * Context: process.
 */
void scst_resume_activity(void)
{
	mutex_lock(&scst_suspend_mutex);
	if (scst_is_suspended)
		scst_resume_locked();
	mutex_unlock(&scst_suspend_mutex);
}

/**
 * scst_activity_suspended() - whether activity is suspended
 *
 * Return: true while suspended.
 */
bool scst_activity_suspended(void)
{
	return READ_ONCE(scst_is_suspended);
}

/**
 * scst_suspend_init() - set up the count of active commands
 *
 * Return: 0 or -ENOMEM.
 */
int scst_suspend_init(void)
{
	return percpu_ref_init(&scst_active, scst_active_release,
			       PERCPU_REF_ALLOW_REINIT, GFP_KERNEL);
}

/**
 * scst_suspend_exit() - free the count of active commands
 */
void scst_suspend_exit(void)
{
	percpu_ref_exit(&scst_active);
}
