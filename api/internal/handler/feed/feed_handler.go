// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package feed

import (
	"net/http"

	"douyin/pkg/response"

	"douyin/api/internal/logic/feed"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
	"github.com/zeromicro/go-zero/rest/httpx"
)

func FeedHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.FeedReq
		if err := httpx.Parse(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.FeedResp)(nil), response.InvalidRequest(err))
			return
		}

		l := feed.NewFeedLogic(r.Context(), svcCtx)
		resp, err := l.Feed(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
