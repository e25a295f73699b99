// `raqib cases …`: read and curate cases from the terminal (the API offers the same operations).
import { userInfo } from 'node:os';
import type { Config } from '../config.ts';
import { AppError } from '../pipeline/errors.ts';
import { mergeCases, renameCase, splitDocument } from '../store/case-curation.ts';
import { getCaseRecord, listCases } from '../store/cases.ts';
import { openContext } from './context.ts';

export async function listCasesCommand(config: Readonly<Config>, options: { limit: number }): Promise<void> {
  const ctx = openContext(config);
  try {
    const { total, cases } = listCases(ctx.db, { limit: options.limit });
    console.table(
      cases.map((c) => ({
        id: c.id,
        type: c.type,
        docs: c.documentCount,
        first: c.firstSeen,
        last: c.lastSeen,
        title: c.titleFr,
      })),
    );
    process.stdout.write(`${cases.length} of ${total} cases\n`);
  } finally {
    ctx.close();
  }
}

export async function showCaseCommand(config: Readonly<Config>, id: string): Promise<void> {
  const ctx = openContext(config);
  try {
    const record = getCaseRecord(ctx.db, id);
    if (!record) throw new AppError('NOT_FOUND', `no case ${id}`);
    process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  } finally {
    ctx.close();
  }
}

export type CurateOp =
  | { op: 'merge'; survivor: string; absorbed: string }
  | { op: 'split'; documentId: string }
  | { op: 'rename'; caseId: string; titleFr?: string; titleAr?: string };

export async function curateCommand(config: Readonly<Config>, op: CurateOp): Promise<void> {
  const ctx = openContext(config);
  const actor = `cli:${userInfo().username}`;
  try {
    let result: string;
    if (op.op === 'merge') result = mergeCases(ctx.db, op.survivor, op.absorbed, actor);
    else if (op.op === 'split') result = splitDocument(ctx.db, op.documentId, actor);
    else {
      if (!op.titleFr && !op.titleAr) throw new AppError('BAD_REQUEST', 'give --fr and/or --ar');
      renameCase(ctx.db, op.caseId, { titleFr: op.titleFr, titleAr: op.titleAr }, actor);
      result = op.caseId;
    }
    process.stdout.write(`${result}\n`);
  } finally {
    ctx.close();
  }
}
