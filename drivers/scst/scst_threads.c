// SPDX-License-Identifier: GPL-2.0-only
/*
 * SCST core: the threads commands run on when they cannot run in their
 * submitter's context.
 *
 * By default that is the shared per-CPU "scst" workqueue, on the CPU
 * the command came from. A device may have a pool of its own
 * (threads_num), one for all its initiators or one per initiator
 * (threads_pool_type), so that a slow backend cannot hold up others; a
 * target may keep its commands on some CPUs (cpu_mask), next to the
 * transport's interrupts. A device's pool wins over the target's CPUs.
 */
#include <linux/slab.h>

#include "scst_priv.h"

/**
 * scst_queue_cmd_work() - continue a command in a thread
 * @cmd: the command
 */
void scst_queue_cmd_work(struct scst_cmd *cmd)
{
	struct scst_tgt_dev *td = cmd->tgt_dev;
	struct scst_tgt *tgt = cmd->sess->tgt;
	struct workqueue_struct *wq;
	int cpu;

	if (td) {
		wq = td->wq ?: td->dev->wq;
		if (wq) {
			queue_work(wq, &cmd->work);
			return;
		}
	}
	if (!READ_ONCE(tgt->cpus_set)) {
		queue_work(scst_wq, &cmd->work);
		return;
	}
	/* Stay on this CPU if the target may, else spread over its CPUs */
	cpu = raw_smp_processor_id();
	if (!cpumask_test_cpu(cpu, tgt->cpus))
		cpu = cpumask_any_and_distribute(tgt->cpus, cpu_online_mask);
	if (cpu >= nr_cpu_ids)
		queue_work(scst_wq, &cmd->work);
	else
		queue_work_on(cpu, scst_wq, &cmd->work);
}

static struct workqueue_struct *scst_alloc_pool(const char *name,
						unsigned int num)
{
	return alloc_workqueue("scst_%s", WQ_UNBOUND | WQ_MEM_RECLAIM, num,
			       name);
}

/**
 * scst_dev_set_threads() - give a device a thread pool of its own, or not
 * @dev: the device, disabled, so no command uses its pool
 * @num: threads in the pool, 0 to use the shared pool
 * @per_ini: one pool per initiator (made as nexuses appear)
 *
 * Context: process; the caller holds dev->mutex.
 * Return: 0 or -ENOMEM.
 */
int scst_dev_set_threads(struct scst_device *dev, unsigned int num,
			 bool per_ini)
{
	struct workqueue_struct *wq = NULL;

	lockdep_assert_held(&dev->mutex);
	if (num && !per_ini) {
		wq = scst_alloc_pool(dev->name, num);
		if (!wq)
			return -ENOMEM;
	}
	scst_dev_free_threads(dev);
	dev->wq = wq;
	dev->threads_num = num;
	dev->threads_per_ini = per_ini;
	return 0;
}

/**
 * scst_dev_free_threads() - free a device's pool
 * @dev: the device, which no command uses any more
 */
void scst_dev_free_threads(struct scst_device *dev)
{
	if (dev->wq)
		destroy_workqueue(dev->wq);
	dev->wq = NULL;
}

/**
 * scst_tgt_dev_init_threads() - make an I_T_L nexus' own pool if its
 * device wants one per initiator
 * @td: the nexus, not yet published
 *
 * Return: 0 or -ENOMEM.
 */
int scst_tgt_dev_init_threads(struct scst_tgt_dev *td)
{
	struct scst_device *dev = td->dev;
	char name[96];

	if (!dev->threads_num || !dev->threads_per_ini)
		return 0;
	snprintf(name, sizeof(name), "%s_%llu", dev->name, td->lun);
	td->wq = scst_alloc_pool(name, dev->threads_num);
	return td->wq ? 0 : -ENOMEM;
}

/**
 * scst_tgt_dev_free_threads() - free an I_T_L nexus' pool
 * @td: the nexus, which no command uses any more
 */
void scst_tgt_dev_free_threads(struct scst_tgt_dev *td)
{
	if (td->wq)
		destroy_workqueue(td->wq);
	td->wq = NULL;
}

/**
 * scst_tgt_set_cpus() - bind the threads of a target's commands to CPUs
 * @tgt: the target
 * @cpus: the CPUs
 *
 * Context: process; the caller holds tgt->lun_mutex.
 * Return: 0, or -EINVAL if @cpus has no online CPU.
 */
int scst_tgt_set_cpus(struct scst_tgt *tgt, const struct cpumask *cpus)
{
	lockdep_assert_held(&tgt->lun_mutex);
	if (!cpumask_intersects(cpus, cpu_online_mask))
		return -EINVAL;
	/*
	 * Readers see the old or the new mask, both of which name CPUs the
	 * user allowed at some point; the worst they do is pick one once.
	 */
	WRITE_ONCE(tgt->cpus_set, false);
	synchronize_rcu();
	cpumask_copy(tgt->cpus, cpus);
	WRITE_ONCE(tgt->cpus_set, !cpumask_subset(cpu_possible_mask, cpus));
	return 0;
}
