// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: targets, sessions and LUN maps.
 *
 * Lock order: scst_mutex, then tgt->lun_mutex, then dev->mutex, then
 * tgt->lock. The command path takes none of them: it finds its I_T_L
 * nexus in sess->tgt_devs under RCU and pins it with a per-CPU reference.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>

#include "scst_priv.h"

static void scst_tgt_release(struct kref *kref)
{
	struct scst_tgt *tgt = container_of(kref, struct scst_tgt, kref);

	WARN_ON_ONCE(!list_empty(&tgt->sessions) || !list_empty(&tgt->acgs));
	scst_acg_free(tgt->default_acg);
	free_cpumask_var(tgt->cpus);
	mutex_destroy(&tgt->lun_mutex);
	kfree(tgt);
}

/**
 * scst_alloc_target() - allocate a target
 * @tgtt: its target driver
 * @name: its name
 *
 * Return: the target with one reference, or an ERR_PTR().
 */
struct scst_tgt *scst_alloc_target(const struct scst_tgt_template *tgtt,
				   const char *name)
{
	struct scst_tgt *tgt;

	if (!name[0] || strlen(name) >= sizeof(tgt->name) || strchr(name, '/'))
		return ERR_PTR(-EINVAL);

	tgt = kzalloc(sizeof(*tgt), GFP_KERNEL);
	if (!tgt)
		return ERR_PTR(-ENOMEM);
	tgt->tgtt = tgtt;
	strscpy(tgt->name, name, sizeof(tgt->name));
	spin_lock_init(&tgt->lock);
	INIT_LIST_HEAD(&tgt->sessions);
	INIT_LIST_HEAD(&tgt->node);
	INIT_LIST_HEAD(&tgt->acgs);
	mutex_init(&tgt->lun_mutex);
	kref_init(&tgt->kref);
	tgt->default_acg = scst_acg_alloc(tgt);
	if (!tgt->default_acg || !zalloc_cpumask_var(&tgt->cpus, GFP_KERNEL)) {
		scst_acg_free(tgt->default_acg);
		mutex_destroy(&tgt->lun_mutex);
		kfree(tgt);
		return ERR_PTR(-ENOMEM);
	}
	cpumask_setall(tgt->cpus);
	return tgt;
}

/**
 * scst_put_target() - drop a reference to a target
 * @tgt: the target
 */
void scst_put_target(struct scst_tgt *tgt)
{
	kref_put(&tgt->kref, scst_tgt_release);
}

/**
 * scst_register_target() - register a target port found by its driver
 * @tgtt: the target driver, registered
 * @name: unique name of the port for this driver
 *
 * For drivers whose ports come from hardware or a fabric; targets users
 * make with mkdir are registered by the core itself.
 *
 * Context: process.
 * Return: the target or an ERR_PTR().
 */
struct scst_tgt *scst_register_target(const struct scst_tgt_template *tgtt,
				      const char *name)
{
	struct scst_tgt *tgt;
	int ret;

	tgt = scst_alloc_target(tgtt, name);
	if (IS_ERR(tgt))
		return tgt;
	tgt->registered = true;

	ret = scst_configfs_add_target(tgt);
	if (ret) {
		scst_put_target(tgt);
		return ERR_PTR(ret);
	}
	return tgt;
}
EXPORT_SYMBOL_GPL(scst_register_target);

/**
 * scst_unregister_target() - unregister a target from scst_register_target()
 * @tgt: the target; its driver has unregistered its sessions
 *
 * Context: process.
 */
void scst_unregister_target(struct scst_tgt *tgt)
{
	/* Drops the configfs item's reference, the last but the sessions' */
	scst_configfs_del_target(tgt);
}
EXPORT_SYMBOL_GPL(scst_unregister_target);

/* Called when the last command of a killed nexus has been freed */
static void scst_tgt_dev_release(struct percpu_ref *ref)
{
	struct scst_tgt_dev *td = container_of(ref, struct scst_tgt_dev, refs);

	queue_work(scst_wq, &td->free_work);
}

static void scst_tgt_dev_free_work(struct work_struct *work);

static struct scst_tgt_dev *scst_tgt_dev_alloc(struct scst_session *sess,
					       struct scst_lun *lun)
{
	struct scst_tgt_dev *td;

	td = kzalloc(sizeof(*td), GFP_KERNEL);
	if (!td)
		return NULL;
	if (percpu_ref_init(&td->refs, scst_tgt_dev_release, 0, GFP_KERNEL)) {
		kfree(td);
		return NULL;
	}
	td->sess = sess;
	td->dev = lun->dev;
	td->lun = lun->lun;
	td->read_only = lun->read_only;
	if (scst_tgt_dev_init_threads(td)) {
		percpu_ref_exit(&td->refs);
		kfree(td);
		return NULL;
	}
	INIT_WORK(&td->free_work, scst_tgt_dev_free_work);
	spin_lock_init(&td->ua_lock);
	spin_lock_init(&td->order_lock);
	INIT_LIST_HEAD(&td->deferred);
	return td;
}

static void scst_tgt_dev_free(struct scst_tgt_dev *td)
{
	scst_tgt_dev_free_threads(td);
	percpu_ref_exit(&td->refs);
	kfree_rcu(td, rcu);
}

/* Publish a new I_T_L nexus; the caller holds tgt->lun_mutex. */
int scst_tgt_dev_add(struct scst_session *sess, struct scst_lun *lun)
{
	struct scst_tgt_dev *td;
	int ret;

	td = scst_tgt_dev_alloc(sess, lun);
	if (!td)
		return -ENOMEM;
	ret = xa_insert(&sess->tgt_devs, lun->lun, td, GFP_KERNEL);
	if (ret) {
		scst_tgt_dev_free(td);
		return ret;
	}
	/* SAM-5 6.3.1: a new I_T_L nexus starts as after a power on */
	scst_tgt_dev_set_ua(td, SCST_ASC_POWER_ON_RESET);
	atomic_inc(&sess->nr_tgt_devs);
	kref_get(&lun->dev->refs);
	mutex_lock(&lun->dev->mutex);
	list_add_tail_rcu(&td->dev_node, &lun->dev->tgt_devs);
	mutex_unlock(&lun->dev->mutex);
	return 0;
}

/*
 * The last command of a removed I_T_L nexus has been freed: take the
 * nexus off its device and free it, then let go of the device, which
 * this frees if it was deleted meanwhile (scst_free_device()).
 */
static void scst_tgt_dev_free_work(struct work_struct *work)
{
	struct scst_tgt_dev *td = container_of(work, struct scst_tgt_dev,
					       free_work);
	struct scst_session *sess = td->sess;
	struct scst_device *dev = td->dev;

	scst_res_release_nexus(td);
	mutex_lock(&dev->mutex);
	list_del_rcu(&td->dev_node);
	mutex_unlock(&dev->mutex);
	/* Full barrier before the waker looks for waiters */
	if (atomic_dec_and_test(&dev->nr_dying))
		wake_up(&dev->dying_wq);
	/*
	 * scst_dev_set_ua() and QERR walk dev->tgt_devs under RCU and may
	 * still be using @td and its session: let them finish before the
	 * unit attentions are emptied and before the session may go. (LUN
	 * RESET and CLEAR TASK SET walk it under dev->mutex.)
	 */
	synchronize_rcu();
	scst_ua_clear(td);
	scst_tgt_dev_free(td);
	scst_dev_put(dev);
	if (atomic_dec_and_test(&sess->nr_tgt_devs))
		wake_up_var(&sess->nr_tgt_devs);
}

/*
 * Unpublish an I_T_L nexus; the caller holds tgt->lun_mutex.
 *
 * No new command finds the nexus from now on. Those in flight go on,
 * and the nexus is freed after the last of them (scst_tgt_dev_free_work()),
 * so a command that never ends keeps the device busy but holds up
 * neither the caller nor the mutex: see scst_dev_enable() and
 * scst_free_device() for what waits for it. The nexus' SPC-2
 * reservation ends now.
 */
void scst_tgt_dev_del(struct scst_session *sess, u64 lun)
{
	struct scst_tgt_dev *td = xa_erase(&sess->tgt_devs, lun);

	if (!td)
		return;
	scst_res_release_nexus(td);
	atomic_inc(&td->dev->nr_dying);
	percpu_ref_kill(&td->refs);
}

/*
 * Wait until every I_T_L nexus @sess had is freed, in periods of
 * wait_timeout_ms. By now no command of @sess is left, so each is
 * freed after an RCU grace period.
 */
static void scst_sess_wait_tgt_devs(struct scst_session *sess)
{
	unsigned long waited = 0, t;

	for (;;) {
		t = READ_ONCE(scst_wait_timeout_ms);
		if (wait_var_event_timeout(&sess->nr_tgt_devs,
					   !atomic_read(&sess->nr_tgt_devs),
					   msecs_to_jiffies(t)))
			return;
		waited += t;
		pr_warn("scst: removal of the session %s/%s: after %lu ms, %d LUNs not yet freed\n",
			sess->tgt->name, sess->initiator_name, waited,
			atomic_read(&sess->nr_tgt_devs));
	}
}

/**
 * scst_tgt_dev_get() - find and pin the I_T_L nexus of a LUN
 * @sess: the session
 * @lun: the LUN
 *
 * Context: any.
 * Return: the nexus, or NULL if @sess has no such LUN.
 */
struct scst_tgt_dev *scst_tgt_dev_get(struct scst_session *sess, u64 lun)
{
	struct scst_tgt_dev *td;

	rcu_read_lock();
	td = xa_load(&sess->tgt_devs, lun);
	if (td && !percpu_ref_tryget_live(&td->refs))
		td = NULL;
	rcu_read_unlock();
	return td;
}

/**
 * scst_tgt_dev_put() - unpin an I_T_L nexus
 * @td: the nexus
 */
void scst_tgt_dev_put(struct scst_tgt_dev *td)
{
	percpu_ref_put(&td->refs);
}

/**
 * scst_notify_luns_changed() - tell a session its LUN map changed
 * @sess: the session
 *
 * Context: the caller holds tgt->lun_mutex.
 */
void scst_notify_luns_changed(struct scst_session *sess)
{
	const struct scst_tgt_template *tgtt = sess->tgt->tgtt;

	lockdep_assert_held(&sess->tgt->lun_mutex);
	/* SPC-4 6.33: REPORTED LUNS DATA HAS CHANGED */
	scst_sess_set_ua(sess, SCST_ASC_REPORTED_LUNS_CHANGED);
	if (tgtt->luns_changed)
		tgtt->luns_changed(sess);
}

/**
 * scst_lun_map() - make a LUN of a target's map export a device
 * @lun: the LUN, without a device
 * @dev: the device
 *
 * Every session of the target sees the LUN from now on.
 *
 * Context: process.
 * Return: 0, -ENODEV when @dev is not enabled, -EBUSY when @lun already
 * maps a device, or -ENOMEM.
 */
int scst_lun_map(struct scst_lun *lun, struct scst_device *dev)
{
	struct scst_tgt *tgt = lun->tgt;
	struct scst_session *sess;
	int ret = 0;

	mutex_lock(&tgt->lun_mutex);
	if (lun->dev) {
		ret = -EBUSY;
		goto out;
	}
	mutex_lock(&dev->mutex);
	if (!dev->enabled) {
		mutex_unlock(&dev->mutex);
		ret = -ENODEV;
		goto out;
	}
	dev->exported++;
	mutex_unlock(&dev->mutex);
	lun->dev = dev;

	/* Sessions leave the list only under lun_mutex too. */
	list_for_each_entry(sess, &tgt->sessions, tgt_node) {
		if (sess->acg != lun->acg)
			continue;
		ret = scst_tgt_dev_add(sess, lun);
		if (ret)
			goto unwind;
	}
	list_for_each_entry(sess, &tgt->sessions, tgt_node)
		if (sess->acg == lun->acg)
			scst_notify_luns_changed(sess);
	goto out;

unwind:
	list_for_each_entry(sess, &tgt->sessions, tgt_node)
		if (sess->acg == lun->acg)
			scst_tgt_dev_del(sess, lun->lun);
	lun->dev = NULL;
	mutex_lock(&dev->mutex);
	dev->exported--;
	mutex_unlock(&dev->mutex);
out:
	mutex_unlock(&tgt->lun_mutex);
	return ret;
}

/**
 * scst_lun_unmap() - stop a LUN exporting its device
 * @lun: the LUN
 *
 * New commands for the LUN fail from now on. Those in flight are not
 * waited for: until they end, the device cannot be disabled and its
 * memory is kept (scst_dev_enable(), scst_free_device()).
 *
 * Context: process.
 */
void scst_lun_unmap(struct scst_lun *lun)
{
	struct scst_tgt *tgt = lun->tgt;
	struct scst_device *dev;
	struct scst_session *sess;

	mutex_lock(&tgt->lun_mutex);
	dev = lun->dev;
	if (!dev)
		goto out;
	list_for_each_entry(sess, &tgt->sessions, tgt_node)
		if (sess->acg == lun->acg)
			scst_tgt_dev_del(sess, lun->lun);
	lun->dev = NULL;
	mutex_lock(&dev->mutex);
	dev->exported--;
	mutex_unlock(&dev->mutex);
	list_for_each_entry(sess, &tgt->sessions, tgt_node)
		if (sess->acg == lun->acg)
			scst_notify_luns_changed(sess);
out:
	mutex_unlock(&tgt->lun_mutex);
}

static void scst_sess_release(struct percpu_ref *ref)
{
	struct scst_session *sess = container_of(ref, struct scst_session,
						 refs);

	complete(&sess->shutdown);
}

/**
 * scst_register_session() - open an I_T nexus
 * @tgt: the target port
 * @initiator_name: the initiator port's name
 * @tgt_priv: the target driver's private data for the session
 *
 * The session sees the LUN map of the first initiator group whose
 * patterns match @initiator_name, or the target's default LUN map, and
 * appears under the target's configfs sessions directory.
 *
 * Context: process.
 * Return: the session or an ERR_PTR().
 */
struct scst_session *scst_register_session(struct scst_tgt *tgt,
					   const char *initiator_name,
					   void *tgt_priv)
{
	struct scst_session *sess;
	struct scst_tgt_dev *td;
	struct scst_lun *lun;
	unsigned long idx;
	int ret;

	if (!initiator_name[0] || strlen(initiator_name) > 223 ||
	    strchr(initiator_name, '/'))
		return ERR_PTR(-EINVAL);
	if (!READ_ONCE(tgt->enabled))
		return ERR_PTR(-ENODEV);

	sess = kzalloc(sizeof(*sess), GFP_KERNEL);
	if (!sess)
		return ERR_PTR(-ENOMEM);
	sess->initiator_name = kstrdup(initiator_name, GFP_KERNEL);
	if (!sess->initiator_name) {
		kfree(sess);
		return ERR_PTR(-ENOMEM);
	}
	ret = percpu_ref_init(&sess->refs, scst_sess_release, 0, GFP_KERNEL);
	if (ret) {
		kfree(sess->initiator_name);
		kfree(sess);
		return ERR_PTR(ret);
	}
	sess->tgt = tgt;
	sess->tgt_priv = tgt_priv;
	spin_lock_init(&sess->lock);
	INIT_LIST_HEAD(&sess->cmds);
	xa_init(&sess->tgt_devs);
	init_completion(&sess->shutdown);
	/* From here on the session is freed by its configfs item release. */
	scst_configfs_init_session(sess);

	mutex_lock(&tgt->lun_mutex);
	sess->acg = scst_acg_find(tgt, initiator_name);
	xa_for_each(&sess->acg->luns, idx, lun) {
		if (!lun->dev)
			continue;
		ret = scst_tgt_dev_add(sess, lun);
		if (ret)
			goto unwind;
	}
	kref_get(&tgt->kref);
	spin_lock(&tgt->lock);
	list_add_tail(&sess->tgt_node, &tgt->sessions);
	spin_unlock(&tgt->lock);
	mutex_unlock(&tgt->lun_mutex);

	/*
	 * Outside lun_mutex: configfs calls into the core with its own
	 * locks held. A session configfs cannot show still works.
	 */
	if (scst_configfs_add_session(sess))
		pr_warn("scst: session %s of %s not shown in configfs\n",
			sess->initiator_name, tgt->name);
	return sess;

unwind:
	xa_for_each(&sess->tgt_devs, idx, td)
		scst_tgt_dev_del(sess, idx);
	mutex_unlock(&tgt->lun_mutex);
	scst_sess_wait_tgt_devs(sess);
	percpu_ref_exit(&sess->refs);
	config_item_put(&sess->group.cg_item);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(scst_register_session);

/**
 * scst_unregister_session() - close an I_T nexus
 * @sess: the session
 *
 * Aborts the session's commands (SAM-5 I_T nexus loss) and waits until
 * the target driver has finished each of them with scst_tgt_cmd_done();
 * the driver must keep calling those while this runs.
 *
 * Context: process.
 */
void scst_unregister_session(struct scst_session *sess)
{
	struct scst_tgt *tgt = sess->tgt;
	struct scst_tgt_dev *td;
	struct scst_cmd *cmd;
	unsigned long idx;

	mutex_lock(&tgt->lun_mutex);
	spin_lock(&tgt->lock);
	list_del_init(&sess->tgt_node);
	spin_unlock(&tgt->lock);
	mutex_unlock(&tgt->lun_mutex);

	spin_lock_irq(&sess->lock);
	list_for_each_entry(cmd, &sess->cmds, sess_node)
		scst_abort_cmd(cmd, NULL, NULL, NULL);
	spin_unlock_irq(&sess->lock);

	percpu_ref_kill(&sess->refs);
	scst_wait_cmds(&sess->shutdown, sess, "removal of the session");

	mutex_lock(&tgt->lun_mutex);
	xa_for_each(&sess->tgt_devs, idx, td)
		scst_tgt_dev_del(sess, idx);
	mutex_unlock(&tgt->lun_mutex);
	scst_sess_wait_tgt_devs(sess);
	percpu_ref_exit(&sess->refs);

	scst_configfs_del_session(sess);
	scst_put_target(tgt);
}
EXPORT_SYMBOL_GPL(scst_unregister_session);

/**
 * scst_sess_force_close() - end a session's I_T nexus on the user's request
 * @sess: the session
 *
 * For the session's force_close attribute. Aborts every command of @sess
 * and waits until they are gone, as an I_T nexus loss does (SAM-5 6.3.4;
 * see scst_sess_nexus_loss()), then asks the target driver to end the
 * nexus with its close_session() callback. From the start, commands that
 * arrive on @sess are aborted, until the driver calls scst_sess_reopen()
 * or unregisters @sess; meanwhile another call fails with -EBUSY. If
 * close_session() fails, @sess accepts commands again, as after an
 * I_T NEXUS RESET.
 *
 * Context: process.
 * Return: 0; -EOPNOTSUPP if the driver cannot close sessions, in which
 * case nothing changed; -EBUSY while a forced close is in progress;
 * -ENODEV if @sess is being unregistered; -ENOMEM; or the error of
 * close_session().
 */
int scst_sess_force_close(struct scst_session *sess)
{
	const struct scst_tgt_template *tgtt = sess->tgt->tgtt;
	int ret = 0;

	if (!tgtt->close_session)
		return -EOPNOTSUPP;
	/* A session being unregistered goes away anyway. */
	if (!percpu_ref_tryget_live(&sess->refs))
		return -ENODEV;

	spin_lock_irq(&sess->lock);
	if (sess->closing)
		ret = -EBUSY;
	else
		sess->closing = true;
	spin_unlock_irq(&sess->lock);
	if (ret)
		goto out;

	ret = scst_sess_nexus_loss(sess);
	if (!ret)
		ret = tgtt->close_session(sess);
	if (ret)
		scst_sess_reopen(sess);
out:
	scst_sess_put(sess);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(scst_sess_force_close);

/**
 * scst_sess_reopen() - accept commands again on a session closed by force
 * @sess: the session, whose close_session() callback was called
 *
 * For target drivers that end the I_T nexus of @sess in close_session()
 * by a logout and a new login of the initiator, and keep the session
 * object for the new nexus, as scst_local does. The driver calls this
 * once the old nexus is gone: no command of it may arrive afterwards.
 * The commands of the new nexus then run normally; each LUN first
 * reports the unit attention I_T NEXUS LOSS OCCURRED, established when
 * the old nexus was lost.
 *
 * Context: any.
 */
void scst_sess_reopen(struct scst_session *sess)
{
	unsigned long flags;

	spin_lock_irqsave(&sess->lock, flags);
	sess->closing = false;
	spin_unlock_irqrestore(&sess->lock, flags);
}
EXPORT_SYMBOL_GPL(scst_sess_reopen);

/**
 * scst_sess_put() - drop a reference to a session
 * @sess: the session, of which a command or a task management function
 *	took a reference with percpu_ref_tryget_live()
 */
void scst_sess_put(struct scst_session *sess)
{
	percpu_ref_put(&sess->refs);
}

/**
 * scst_sess_get_tgt_priv() - the target driver's data of a session
 * @sess: the session
 *
 * Return: the pointer given to scst_register_session().
 */
void *scst_sess_get_tgt_priv(struct scst_session *sess)
{
	return sess->tgt_priv;
}
EXPORT_SYMBOL_GPL(scst_sess_get_tgt_priv);

/**
 * scst_sess_initiator_name() - the initiator port name of a session
 * @sess: the session
 *
 * Return: the name given to scst_register_session().
 */
const char *scst_sess_initiator_name(struct scst_session *sess)
{
	return sess->initiator_name;
}
EXPORT_SYMBOL_GPL(scst_sess_initiator_name);

/**
 * scst_sess_tgt() - the target port of a session
 * @sess: the session
 *
 * Return: the target.
 */
struct scst_tgt *scst_sess_tgt(struct scst_session *sess)
{
	return sess->tgt;
}
EXPORT_SYMBOL_GPL(scst_sess_tgt);

/**
 * scst_sess_lun_exists() - whether a session sees a LUN
 * @sess: the session
 * @lun: the LUN
 *
 * Context: any.
 * Return: true if @lun maps a device for @sess.
 */
bool scst_sess_lun_exists(struct scst_session *sess, u64 lun)
{
	return !!xa_load(&sess->tgt_devs, lun);
}
EXPORT_SYMBOL_GPL(scst_sess_lun_exists);

/**
 * scst_sess_luns() - list the LUNs a session sees, in ascending order
 * @sess: the session
 * @luns: where to store them
 * @max: room in @luns
 *
 * Context: any.
 * Return: the number of LUNs, which may exceed @max; only @max are stored.
 */
int scst_sess_luns(struct scst_session *sess, u64 *luns, unsigned int max)
{
	struct scst_tgt_dev *td;
	unsigned long idx;
	unsigned int n = 0;

	xa_for_each(&sess->tgt_devs, idx, td) {
		if (n < max)
			luns[n] = idx;
		n++;
	}
	return n;
}
