-- AlterTable
ALTER TABLE "ProviderKey" ADD COLUMN     "authFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextCheckAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ProviderKey_status_nextCheckAt_idx" ON "ProviderKey"("status", "nextCheckAt");
