//! The threaded pipeline of `import`: a reader, the checking workers and
//! the writer, in file order.

use super::*;

/// Reader → workers → this thread, in file order (see the module comment).
pub(super) fn pipeline(
    input: BufReader<Input>,
    source: Source,
    checker: &Checker,
    writer: &mut Writer<'_>,
    progress: &mut dyn Progress,
) -> Result<()> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 8);
    std::thread::scope(|scope| {
        let mut to_workers = Vec::with_capacity(workers);
        let mut from_workers: Vec<Receiver<Batch<Row>>> = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (in_tx, in_rx) = sync_channel::<Batch<RawRow>>(2);
            let (out_tx, out_rx) = sync_channel::<Batch<Row>>(2);
            scope.spawn(move || {
                for batch in in_rx {
                    let rows = batch.rows.into_iter().map(|r| checker.check(r)).collect();
                    if out_tx
                        .send(Batch {
                            rows,
                            bytes: batch.bytes,
                        })
                        .is_err()
                    {
                        break;
                    }
                }
            });
            to_workers.push(in_tx);
            from_workers.push(out_rx);
        }
        let reader = scope.spawn(move || read_rows(input, source, to_workers));
        let mut turn = 0;
        while let Ok(batch) = from_workers[turn % workers].recv() {
            turn += 1;
            for row in batch.rows {
                writer.row(row)?;
            }
            progress.update(writer.counts.read, batch.bytes);
        }
        drop(from_workers);
        match reader.join() {
            Ok(result) => result,
            Err(_) => Err(Error::Internal("the reader thread failed".into())),
        }
    })
}
